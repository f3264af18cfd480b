package io.peerbill.billing.month;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.MonthlyPercentilePricer;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D13's amount: priced by the month's tiers, prorated by active days, rounded once. */
class MonthlyPercentilePricerTest {

  static final List<TariffTier> TIERS =
      List.of(
          new TariffTier(BigDecimal.ZERO, new BigDecimal("100"), new BigDecimal("50.00")),
          new TariffTier(new BigDecimal("100"), null, new BigDecimal("30.00")));

  static BigDecimal amount(String mbps, TierModel model, int active, int days) {
    return MonthlyPercentilePricer.amount(new BigDecimal(mbps), model, TIERS, active, days);
  }

  @Test
  void proratedByActiveDaysAndRoundedOnceAtTheEnd_D13() {
    // 0.01 x 50 = 0.50 a month; 1 day of 30: 0.01666... -> 0.02 (rounding per day first: 0.00).
    assertThat(amount("0.01", TierModel.VOLUME, 1, 30)).isEqualByComparingTo("0.02");
    assertThat(amount("150.00", TierModel.VOLUME, 30, 30)).isEqualByComparingTo("4500.00");
    // Graduated: 100 x 50 + 50 x 30 = 6500, for 10 of 31 days = 2096.774... -> 2096.77.
    assertThat(amount("150.00", TierModel.GRADUATED, 10, 31)).isEqualByComparingTo("2096.77");
    // 33.33 x 50 x 14/28 = 833.25 exactly; 0.05 x 50 x 1/28 = 0.0892... -> 0.09.
    assertThat(amount("33.33", TierModel.VOLUME, 14, 28)).isEqualByComparingTo("833.25");
    assertThat(amount("0.05", TierModel.VOLUME, 1, 28)).isEqualByComparingTo("0.09");
  }

  @Test
  void moreActiveDaysThanTheMonthHasIsRefused_D13() {
    assertThatThrownBy(() -> amount("1.00", TierModel.VOLUME, 29, 28))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
