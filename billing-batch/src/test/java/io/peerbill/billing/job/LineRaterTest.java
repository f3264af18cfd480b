package io.peerbill.billing.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.BillingProperties.Payer;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One connection's daily peak rated into its line, without a database (R11, D6-D9). */
class LineRaterTest {

  private static final BillingDay DAY =
      new BillingDay(LocalDate.of(2026, 11, 25), ZoneId.of("Asia/Shanghai"));
  private static final String CLASS = "cn-mainland:overseas";

  /** D7's public example: 0-500 at 1.54, 500-5000 at 1.50, 5000-20000 at 1.35, above at 1.20. */
  private static final Tariff VOLUME =
      new Tariff(
          7L,
          CLASS,
          LocalDate.of(2026, 1, 1),
          TierModel.VOLUME,
          "CNY",
          List.of(
              tier("0", "500", "1.54"),
              tier("500", "5000", "1.50"),
              tier("5000", "20000", "1.35"),
              tier("20000", null, "1.20")));

  private static TariffTier tier(String from, String to, String price) {
    return new TariffTier(
        new BigDecimal(from), to == null ? null : new BigDecimal(to), new BigDecimal(price));
  }

  private static BillingProperties properties(Payer payer) {
    return new BillingProperties(DAY.zone(), payer, "CNY", null, "0 30 2 * * *", 7, 1000, "64MB");
  }

  /** Bytes of the 5-minute bucket whose bandwidth is {@code mbps} (D5: bps = bytes x 8 / 300). */
  private static long bucketBytes(long mbps) {
    return mbps * 1_000_000L / 8 * 300;
  }

  private static DailyPeak peak(boolean crossRegion, Long bytes, Integer cap) {
    return new DailyPeak(
        "pcx-00000001",
        crossRegion,
        "100001",
        "100002",
        "cn-mainland",
        crossRegion ? "overseas" : "cn-mainland",
        bytes,
        bytes == null ? 0 : 288,
        288,
        cap);
  }

  private static BillLine rate(DailyPeak peak, Map<String, Tariff> tariffs, Payer payer) {
    return new LineRater(DAY, tariffs, properties(payer)).process(peak);
  }

  @Test
  void peakTimesThePriceOfItsTierIsTheAmount_D6_D7() {
    BillLine line =
        rate(peak(true, bucketBytes(912), 1000), Map.of(CLASS, VOLUME), Payer.REQUESTER);
    assertThat(line.status()).isEqualTo(LineStatus.BILLED);
    assertThat(line.peakMbps()).isEqualByComparingTo("912");
    assertThat(line.billedMbps()).isEqualTo(new BigDecimal("912.00"));
    assertThat(line.amount()).isEqualTo(new BigDecimal("1368.00"));
    assertThat(line.tariffId()).isEqualTo(7L);
    assertThat(line.currency()).isEqualTo("CNY");
    assertThat(line.pairClass()).isEqualTo(CLASS);
  }

  @Test
  void aPeakAboveTheCapIsBilledAtTheCap_D6() {
    BillLine line = rate(peak(true, bucketBytes(912), 200), Map.of(CLASS, VOLUME), Payer.REQUESTER);
    assertThat(line.peakMbps()).isEqualByComparingTo("912");
    assertThat(line.billedMbps()).isEqualTo(new BigDecimal("200.00"));
    assertThat(line.amount()).isEqualTo(new BigDecimal("308.00"));
  }

  @Test
  void theRequesterPaysUnlessTheAccepterIsConfigured_D8() {
    DailyPeak peak = peak(true, bucketBytes(100), 1000);
    assertThat(rate(peak, Map.of(CLASS, VOLUME), Payer.REQUESTER).payerAccountId())
        .isEqualTo("100001");
    assertThat(rate(peak, Map.of(CLASS, VOLUME), Payer.ACCEPTER).payerAccountId())
        .isEqualTo("100002");
  }

  @Test
  void sameRegionIsAFreeZeroLine_R11() {
    BillLine line = rate(peak(false, bucketBytes(900), null), Map.of(), Payer.REQUESTER);
    assertThat(line.status()).isEqualTo(LineStatus.FREE);
    assertThat(line.amount()).isEqualTo(new BigDecimal("0.00"));
    assertThat(line.peakMbps()).isEqualByComparingTo("900");
  }

  @Test
  void aDayWithoutTrafficIsAZeroLineMarkedSo_D9() {
    BillLine line = rate(peak(true, null, 1000), Map.of(CLASS, VOLUME), Payer.REQUESTER);
    assertThat(line.status()).isEqualTo(LineStatus.NO_TRAFFIC);
    assertThat(line.amount()).isEqualTo(new BigDecimal("0.00"));
    assertThat(line.peakMbps()).isNull();
  }

  @Test
  void withoutATariffTheLineFailsSayingWhichClassAndDay_D7() {
    BillLine line = rate(peak(true, bucketBytes(100), 1000), Map.of(), Payer.REQUESTER);
    assertThat(line.status()).isEqualTo(LineStatus.FAILED);
    assertThat(line.amount()).isEqualTo(new BigDecimal("0.00"));
    assertThat(line.failureReason())
        .isEqualTo("no tariff in force for region pair class " + CLASS + " on 2026-11-25");
  }

  @Test
  void aTariffWithAGapFailsTheLinesInTheGap_D7() {
    Tariff gap =
        new Tariff(
            8L,
            CLASS,
            LocalDate.of(2026, 1, 1),
            TierModel.VOLUME,
            "CNY",
            List.of(tier("0", "500", "1.54")));
    BillLine line = rate(peak(true, bucketBytes(912), 1000), Map.of(CLASS, gap), Payer.REQUESTER);
    assertThat(line.status()).isEqualTo(LineStatus.FAILED);
    assertThat(line.billedMbps()).isEqualTo(new BigDecimal("912.00"));
    assertThat(line.failureReason()).startsWith("tariff 8 of " + CLASS + ": ");
  }
}
