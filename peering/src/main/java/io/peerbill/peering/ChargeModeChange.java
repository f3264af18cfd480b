package io.peerbill.peering;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A charge mode in force from the first day of {@code effectiveMonth} in {@code zone} (its first
 * instant there: {@code effectiveFrom}) until the next change (D13).
 */
public record ChargeModeChange(
    ChargeMode mode, LocalDate effectiveMonth, Instant effectiveFrom, String zone, String actor) {

  @Override
  public String toString() {
    return mode + " from " + effectiveMonth + " (" + zone + ")";
  }
}
