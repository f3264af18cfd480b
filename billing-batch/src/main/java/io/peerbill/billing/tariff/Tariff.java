package io.peerbill.billing.tariff;

import java.time.LocalDate;
import java.util.List;

/**
 * The price of one region-pair class from a billing day on (D7); tiers ordered by fromMbps,
 * starting at 0, contiguous, the last one open. {@code id} is null before it is stored.
 */
public record Tariff(
    Long id,
    String pairClass,
    LocalDate effectiveFrom,
    TierModel tierModel,
    String currency,
    List<TariffTier> tiers) {

  public Tariff {
    tiers = List.copyOf(tiers);
  }

  /** The class of a region pair: its two geo zones in alphabetical order, joined by ':'. */
  public static String pairClass(String zoneA, String zoneB) {
    return zoneA.compareTo(zoneB) <= 0 ? zoneA + ":" + zoneB : zoneB + ":" + zoneA;
  }
}
