package io.peerbill.billing;

import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prices a month's 95th percentile (D13). Pure: the billed Mbps as D6 rounds them, priced by the
 * monthly tiers exactly as a day is (volume or graduated), times active days / days in the month,
 * rounded half-up to 0.01 once, at the end.
 */
public final class MonthlyPercentilePricer {

  private MonthlyPercentilePricer() {}

  /**
   * @throws DailyPeakPricer.NoTierException when no tier covers the billed Mbps
   */
  public static BigDecimal amount(
      BigDecimal billedMbps,
      TierModel model,
      List<TariffTier> tiers,
      int activeDays,
      int daysInMonth) {
    if (activeDays < 0 || activeDays > daysInMonth) {
      throw new IllegalArgumentException(activeDays + " active days of " + daysInMonth);
    }
    return DailyPeakPricer.exactAmount(billedMbps, model, tiers)
        .multiply(BigDecimal.valueOf(activeDays))
        .divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_UP);
  }
}
