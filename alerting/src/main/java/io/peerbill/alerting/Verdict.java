package io.peerbill.alerting;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/** What one statistic period says about a policy's condition. */
public enum Verdict {
  BREACH,
  CLEAR,
  /** No value for the period (e.g. loss rate with no packets): neither breaches nor clears. */
  NONE;

  public static Verdict of(OptionalDouble value, Comparison comparison, BigDecimal threshold) {
    if (value.isEmpty()) {
      return NONE;
    }
    return comparison.breaches(value.getAsDouble(), threshold) ? BREACH : CLEAR;
  }
}
