package io.peerbill.billing.statement.html;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Round axis limits: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
final class NiceScale {

  private static final BigDecimal[] STEPS = {
    new BigDecimal("1"),
    new BigDecimal("1.2"),
    new BigDecimal("1.5"),
    new BigDecimal("2"),
    new BigDecimal("2.5"),
    new BigDecimal("3"),
    new BigDecimal("4"),
    new BigDecimal("5"),
    new BigDecimal("6"),
    new BigDecimal("8")
  };

  private NiceScale() {}

  /** The smallest nice number at or above {@code value} (at least 1). */
  static BigDecimal ceiling(BigDecimal value) {
    if (value.compareTo(BigDecimal.ONE) <= 0) {
      return BigDecimal.ONE;
    }
    BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(value.precision() - value.scale() - 1);
    for (int round = 0; round < 2; round++) {
      for (BigDecimal step : STEPS) {
        BigDecimal candidate = step.multiply(power);
        if (candidate.compareTo(value) >= 0) {
          return candidate.stripTrailingZeros();
        }
      }
      power = power.multiply(BigDecimal.TEN);
    }
    return value.setScale(0, RoundingMode.CEILING);
  }
}
