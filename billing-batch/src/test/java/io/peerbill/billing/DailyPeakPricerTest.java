package io.peerbill.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyPeakPricerTest {

  /** D7's public example: 0-500 1.54, 500-5000 1.50, 5000-20000 1.35, above 1.20 CNY/Mbps/day. */
  static final List<TariffTier> D7_TIERS =
      List.of(
          tier("0", "500", "1.54"),
          tier("500", "5000", "1.50"),
          tier("5000", "20000", "1.35"),
          tier("20000", null, "1.20"));

  @Test
  void volumeExample912MbpsCosts1368_D7() {
    assertThat(DailyPeakPricer.amount(mbps("912.00"), TierModel.VOLUME, D7_TIERS))
        .isEqualByComparingTo("1368.00")
        .hasScaleOf(2);
  }

  @Test
  void volumeTierBoundaryBelongsToTheUpperTier_D7() {
    assertThat(DailyPeakPricer.amount(mbps("500.00"), TierModel.VOLUME, D7_TIERS))
        .isEqualByComparingTo("750.00");
    assertThat(DailyPeakPricer.amount(mbps("499.99"), TierModel.VOLUME, D7_TIERS))
        .isEqualByComparingTo("769.98"); // 769.9846 half-up
  }

  @Test
  void graduatedPricesEachSliceAtItsTier_D7() {
    // 500 × 1.54 + 412 × 1.50 = 770.00 + 618.00
    assertThat(DailyPeakPricer.amount(mbps("912.00"), TierModel.GRADUATED, D7_TIERS))
        .isEqualByComparingTo("1388.00");
    // 500 × 1.54 + 4500 × 1.50 + 1000.5 × 1.35 = 770 + 6750 + 1350.675 -> 8870.68
    assertThat(DailyPeakPricer.amount(mbps("6000.50"), TierModel.GRADUATED, D7_TIERS))
        .isEqualByComparingTo("8870.68");
  }

  @Test
  void peakAboveCapIsBilledAtCap_D6() {
    assertThat(DailyPeakPricer.billedMbps(mbps("1200.004"), mbps("1000")))
        .isEqualByComparingTo("1000.00");
    assertThat(DailyPeakPricer.billedMbps(mbps("999.995"), mbps("1000")))
        .isEqualByComparingTo("1000.00")
        .hasScaleOf(2);
    assertThat(DailyPeakPricer.billedMbps(mbps("999.994999"), mbps("1000")))
        .isEqualByComparingTo("999.99");
  }

  @Test
  void bucketBandwidthIsBytesTimes8Over300_D5() {
    // 912 Mbps for 300 s = 912e6 / 8 × 300 bytes
    assertThat(DailyPeakPricer.bucketMbps(34_200_000_000L)).isEqualByComparingTo("912");
    // one byte more is a third of a millionth of a Mbps... still 912.00 billed
    assertThat(DailyPeakPricer.billedMbps(DailyPeakPricer.bucketMbps(34_200_000_001L), null))
        .isEqualByComparingTo("912.00");
    // x.xx5 exactly rounds half-up: 0.005 Mbps = 187,500 bytes per bucket
    assertThat(DailyPeakPricer.billedMbps(DailyPeakPricer.bucketMbps(187_500L), null))
        .isEqualByComparingTo("0.01");
  }

  @Test
  void aGapInTheTiersIsAnErrorNotAZero_D7() {
    List<TariffTier> gap = List.of(tier("0", "100", "2"), tier("200", null, "1"));
    assertThatThrownBy(() -> DailyPeakPricer.amount(mbps("150"), TierModel.VOLUME, gap))
        .isInstanceOf(DailyPeakPricer.NoTierException.class)
        .hasMessage("no tier covers 150 Mbps");
  }

  public static TariffTier tier(String from, String to, String price) {
    return new TariffTier(
        new BigDecimal(from), to == null ? null : new BigDecimal(to), new BigDecimal(price));
  }

  private static BigDecimal mbps(String value) {
    return new BigDecimal(value);
  }
}
