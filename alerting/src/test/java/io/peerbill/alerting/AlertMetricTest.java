package io.peerbill.alerting;

import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How each D10 metric reads one period, and what a period without samples means. */
class AlertMetricTest {

  private static final PeriodTraffic MINUTE =
      new PeriodTraffic(
          "pcx-cross0001",
          StatisticPeriod.ONE_MINUTE,
          DAY_START,
          new TrafficCounts(
              750_000_000L, // 100 Mbps over 60 s
              375_000_000L, // 50 Mbps
              600_000,
              300_000,
              900,
              100),
          2,
          null);

  @Test
  void metricsFollowTheWireFormatDefinitions_D10() {
    assertThat(AlertMetric.IN_BANDWIDTH.valueOf(MINUTE, 200)).hasValue(100.0);
    assertThat(AlertMetric.OUT_BANDWIDTH.valueOf(MINUTE, 200)).hasValue(50.0);
    assertThat(AlertMetric.IN_PKG.valueOf(MINUTE, 200)).hasValue(10_000.0);
    assertThat(AlertMetric.OUT_PKG.valueOf(MINUTE, 200)).hasValue(5_000.0);
    // loss = dropped / (packets + dropped) = 1000 / 901000
    assertThat(AlertMetric.PKG_DROP.valueOf(MINUTE, 200)).hasValue(100.0 * 1000 / 901_000);
    assertThat(AlertMetric.INBAND_RATE.valueOf(MINUTE, 200)).hasValue(50.0);
    assertThat(AlertMetric.OUTBAND_RATE.valueOf(MINUTE, 200)).hasValue(25.0);
  }

  @Test
  void utilisationIsAgainstTheCapInForceForThePeriod_D10() {
    PeriodTraffic beforeRaise =
        new PeriodTraffic(
            "pcx-cross0001",
            StatisticPeriod.ONE_MINUTE,
            DAY_START,
            new TrafficCounts(750_000_000L, 0, 0, 0, 0, 0),
            1,
            100);
    // The connection's cap is 400 now, but 100 Mbps was in force then: 100 % used, not 25 %.
    assertThat(AlertMetric.INBAND_RATE.valueOf(beforeRaise, beforeRaise.capInForce(400)))
        .hasValue(100.0);
    assertThat(MINUTE.capInForce(400)).isEqualTo(400);
  }

  @Test
  void aFiveMinutePeriodAveragesOverThreeHundredSeconds_D10() {
    PeriodTraffic five =
        new PeriodTraffic(
            "pcx-cross0001",
            StatisticPeriod.FIVE_MINUTES,
            DAY_START,
            new TrafficCounts(750_000_000L, 0, 0, 0, 0, 0),
            5,
            null);
    assertThat(AlertMetric.IN_BANDWIDTH.valueOf(five, null)).hasValue(20.0);
  }

  @Test
  void aPeriodWithoutSamplesIsZeroTrafficForRatesButNoVerdictForRatios_D11() {
    PeriodTraffic silent =
        PeriodTraffic.noSamples("pcx-cross0001", StatisticPeriod.ONE_MINUTE, DAY_START);
    assertThat(AlertMetric.IN_BANDWIDTH.valueOf(silent, 100)).hasValue(0.0);
    assertThat(AlertMetric.OUT_BANDWIDTH.valueOf(silent, 100)).hasValue(0.0);
    assertThat(AlertMetric.IN_PKG.valueOf(silent, 100)).hasValue(0.0);
    assertThat(AlertMetric.OUT_PKG.valueOf(silent, 100)).hasValue(0.0);
    assertThat(AlertMetric.PKG_DROP.valueOf(silent, 100)).isEmpty();
    assertThat(AlertMetric.INBAND_RATE.valueOf(silent, 100)).isEmpty();
    assertThat(AlertMetric.OUTBAND_RATE.valueOf(silent, 100)).isEmpty();
  }

  @Test
  void utilisationNeedsACap_R16() {
    assertThat(AlertMetric.INBAND_RATE.valueOf(MINUTE, null)).isEmpty();
  }

  @Test
  void comparatorsCompareExactlyAtTheThreshold() {
    BigDecimal hundred = new BigDecimal("100.000");
    assertThat(Comparison.GT.breaches(100.0, hundred)).isFalse();
    assertThat(Comparison.GE.breaches(100.0, hundred)).isTrue();
    assertThat(Comparison.LT.breaches(99.999, hundred)).isTrue();
    assertThat(Comparison.LE.breaches(100.0, hundred)).isTrue();
    assertThat(Comparison.LE.breaches(100.001, hundred)).isFalse();
    assertThat(Comparison.parse(">=")).isEqualTo(Comparison.GE);
    assertThat(Comparison.parse("lt")).isEqualTo(Comparison.LT);
    assertThatThrownBy(() -> Comparison.parse("=="))
        .isInstanceOf(InvalidAlertPolicyException.class)
        .hasMessage("unknown comparator '=='; expected one of >, >=, <, <=");
  }

  @Test
  void metricsAreNamedAsTheVendorNamesThem_D10() {
    assertThat(AlertMetric.fromVendorName("inbandrate")).isEqualTo(AlertMetric.INBAND_RATE);
    assertThatThrownBy(() -> AlertMetric.fromVendorName("Latency"))
        .hasMessage(
            "unknown metric 'Latency'; expected one of InBandwidth, OutBandwidth, InPkg, OutPkg,"
                + " PkgDrop, InbandRate, OutbandRate");
  }
}
