package io.peerbill.billing.job;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.BEFORE_DAY;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.tariff.TierModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;

class DailyPeakBillingJobTest extends BillingTestBase {

  private String billedConnection(int cap) {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    return fixture.crossRegion(cap, BEFORE_DAY);
  }

  @Test
  void volumeExample912MbpsPeakCosts1368_D7() throws Exception {
    String id = billedConnection(1000);
    fixture.bucket(id, DAY_START.plusSeconds(3600), bytesFor(400), bytesFor(912));
    fixture.bucket(id, DAY_START.plusSeconds(7200), bytesFor(700), bytesFor(100));

    ExitStatus run = bill(DAY, SHANGHAI);

    assertThat(run).isEqualTo(ExitStatus.COMPLETED);
    BillLine line = line(id, DAY);
    assertThat(line.status()).isEqualTo(LineStatus.BILLED);
    assertThat(line.peakMbps()).isEqualByComparingTo("912");
    assertThat(line.billedMbps()).isEqualByComparingTo("912.00");
    assertThat(line.amount()).isEqualByComparingTo("1368.00");
    assertThat(line.currency()).isEqualTo("CNY");
    assertThat(line.pairClass()).isEqualTo("cn-mainland:cn-mainland");
    assertThat(line.payerAccountId()).isEqualTo(BillingFixture.REQUESTER); // D8
    assertThat(line.coverage()).isEqualTo("2/288");
  }

  @Test
  void graduatedTariffPricesEachSlice_D7() throws Exception {
    fixture.partitions(DAY);
    tariff("cn-mainland:overseas", LocalDate.of(2026, 1, 1), TierModel.GRADUATED);
    String id =
        fixture.active(BillingFixture.GUANGZHOU, BillingFixture.SINGAPORE, 1000, BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(912), 0);

    bill(DAY, SHANGHAI);

    // 500 × 1.54 + 412 × 1.50
    assertThat(line(id, DAY).amount()).isEqualByComparingTo("1388.00");
    assertThat(line(id, DAY).pairClass()).isEqualTo("cn-mainland:overseas");
  }

  @Test
  void peakAboveTheCapIsBilledAtTheCap_D6() throws Exception {
    String id = billedConnection(500);
    fixture.bucket(id, DAY_START.plusSeconds(600), bytesFor(650.5), 0);

    bill(DAY, SHANGHAI);

    BillLine line = line(id, DAY);
    assertThat(line.peakMbps()).isEqualByComparingTo("650.5");
    assertThat(line.capMbps()).isEqualTo(500);
    assertThat(line.billedMbps()).isEqualByComparingTo("500.00");
    assertThat(line.amount()).isEqualByComparingTo("750.00");
  }

  @Test
  void capRaisedMidDayBillsAtTheHigherCap_D6() throws Exception {
    String id = billedConnection(200);
    fixture.capChange(id, 1000, DAY_START.plus(Duration.ofHours(12)));
    // The peak came while the lower cap was in force; the day's highest cap still applies.
    fixture.bucket(id, DAY_START.plusSeconds(3600), bytesFor(800), 0);

    bill(DAY, SHANGHAI);

    assertThat(line(id, DAY).capMbps()).isEqualTo(1000);
    assertThat(line(id, DAY).billedMbps()).isEqualByComparingTo("800.00");
    assertThat(line(id, DAY).amount()).isEqualByComparingTo("1200.00");
  }

  @Test
  void capLoweredTheDayBeforeIsNotInForce_D6() throws Exception {
    String id = billedConnection(1000);
    fixture.capChange(id, 100, DAY_START.minus(Duration.ofHours(1)));
    fixture.bucket(id, DAY_START, bytesFor(300), 0);

    bill(DAY, SHANGHAI);

    assertThat(line(id, DAY).capMbps()).isEqualTo(100);
    assertThat(line(id, DAY).amount()).isEqualByComparingTo("154.00");
  }

  @Test
  void defaultZoneDayRunsFromShanghaiMidnightToMidnight_D5() throws Exception {
    String id = billedConnection(5000);
    // Just before the day (Shanghai 23:55 the day before) and its first bucket (00:00 Shanghai).
    fixture.bucket(id, DAY_START.minusSeconds(300), bytesFor(3000), 0);
    fixture.bucket(id, DAY_START, bytesFor(100), 0);
    // Its last bucket (23:55 Shanghai) and the next day's first.
    fixture.bucket(id, DAY_END.minusSeconds(300), bytesFor(200), 0);
    fixture.bucket(id, DAY_END, bytesFor(4000), 0);

    bill(DAY, properties.zone());

    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(line(id, DAY).peakMbps()).isEqualByComparingTo("200");
    assertThat(line(id, DAY).coverage()).isEqualTo("2/288");
  }

  @Test
  void springForwardDayHas23HoursOfBuckets_D5() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate day = LocalDate.of(2026, 3, 29);
    Instant start = Instant.parse("2026-03-28T23:00:00Z"); // 00:00 CET
    Instant end = Instant.parse("2026-03-29T22:00:00Z"); // 00:00 CEST, 23 h later
    fixture.partitions(day);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(5000, start.minus(Duration.ofDays(1)));
    fixture.bucket(id, end.minusSeconds(300), bytesFor(100), 0);
    fixture.bucket(id, end, bytesFor(999), 0); // next day, though a 24 h day would include it

    bill(day, berlin);

    assertThat(line(id, day).coverage()).isEqualTo("1/276");
    assertThat(line(id, day).peakMbps()).isEqualByComparingTo("100");
  }

  @Test
  void fallBackDayHas25HoursOfBuckets_D5() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate day = LocalDate.of(2026, 10, 25);
    Instant start = Instant.parse("2026-10-24T22:00:00Z"); // 00:00 CEST
    Instant end = Instant.parse("2026-10-25T23:00:00Z"); // 00:00 CET, 25 h later
    fixture.partitions(day);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(5000, start.minus(Duration.ofDays(1)));
    fixture.bucket(id, start, bytesFor(50), 0);
    // The 25th hour: a 24 h day would end before it.
    fixture.bucket(id, end.minusSeconds(300), bytesFor(600), 0);

    bill(day, berlin);

    assertThat(line(id, day).coverage()).isEqualTo("2/300");
    assertThat(line(id, day).amount()).isEqualByComparingTo("900.00");
  }

  @Test
  void tooLateSamplesAreFoldedIntoTheirBucket_D5() throws Exception {
    String id = billedConnection(5000);
    Instant bucket = DAY_START.plus(Duration.ofHours(5));
    fixture.bucket(id, bucket, bytesFor(300), 0);
    // Ends exactly at the bucket's end: belongs to it (ts - 1 ms), adding 250 Mbps of 5 minutes.
    fixture.tooLate(id, bucket.plusSeconds(300), bytesFor(250), 0);
    // Ends at the day's end: belongs to its last bucket, alone 100 Mbps.
    fixture.tooLate(id, DAY_END, bytesFor(100), 0);
    // Ends just after the day: the next day's.
    fixture.tooLate(id, DAY_END.plusMillis(1), bytesFor(4000), 0);

    bill(DAY, SHANGHAI);

    assertThat(line(id, DAY).peakMbps()).isEqualByComparingTo("550");
    assertThat(line(id, DAY).coverage()).isEqualTo("2/288");
  }

  @Test
  void createdMidDayIsBilledOnItsActivePart_D9() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    Instant activated = DAY_START.plus(Duration.ofHours(12)).plusSeconds(120); // 12:02
    String id = fixture.crossRegion(1000, activated);
    fixture.bucket(id, activated.minusSeconds(120), bytesFor(10), 0); // 12:00 bucket, active part
    fixture.bucket(id, DAY_START.plus(Duration.ofHours(20)), bytesFor(20), 0);

    bill(DAY, SHANGHAI);

    assertThat(line(id, DAY).peakMbps()).isEqualByComparingTo("20");
    // 12:00 .. 24:00 = 144 buckets, the first only partly active
    assertThat(line(id, DAY).coverage()).isEqualTo("2/144");
  }

  @Test
  void trafficAfterDeletionIsNotBilled_D9() throws Exception {
    String id = billedConnection(5000);
    Instant deleted = DAY_START.plus(Duration.ofHours(6));
    fixture.bucket(id, deleted.minusSeconds(300), bytesFor(100), 0);
    fixture.bucket(id, deleted.plusSeconds(3600), bytesFor(3000), 0);
    fixture.delete(id, deleted);

    bill(DAY, SHANGHAI);

    assertThat(line(id, DAY).peakMbps()).isEqualByComparingTo("100");
    assertThat(line(id, DAY).coverage()).isEqualTo("1/72");
    assertThat(line(id, DAY).amount()).isEqualByComparingTo("154.00");
  }

  @Test
  void pendingRejectedWithdrawnAndExpiredAreNeverBilled_D9() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    for (String state : new String[] {"PENDING_ACCEPTANCE", "REJECTED", "WITHDRAWN", "EXPIRED"}) {
      String id = fixture.neverActive(state, DAY_START.plusSeconds(60));
      fixture.bucket(id, DAY_START.plusSeconds(3600), bytesFor(100), 0);
    }
    String active = fixture.crossRegion(1000, BEFORE_DAY);

    bill(DAY, SHANGHAI);

    assertThat(lines.linesOf(DAY, null)).extracting(BillLine::connectionId).containsExactly(active);
  }

  @Test
  void theJobFirstExpiresRequestsPastTheirAcceptanceWindow_R6() throws Exception {
    fixture.partitions(DAY);
    String overdue = fixture.neverActive("PENDING_ACCEPTANCE", DAY_START.minus(Duration.ofDays(8)));

    bill(DAY, SHANGHAI);

    assertThat(dsl.fetchValue("SELECT state FROM peering_connection WHERE id = ?", overdue))
        .isEqualTo("EXPIRED");
    assertThat(lines.linesOf(DAY, null)).isEmpty();
  }

  @Test
  void sameRegionIsAZeroLineMarkedFree_D9() throws Exception {
    fixture.partitions(DAY);
    String id = fixture.sameRegion(BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(8000), 0);

    ExitStatus run = bill(DAY, SHANGHAI);

    assertThat(run).isEqualTo(ExitStatus.COMPLETED); // needs no tariff
    BillLine line = line(id, DAY);
    assertThat(line.status()).isEqualTo(LineStatus.FREE);
    assertThat(line.amount()).isEqualByComparingTo("0.00");
    assertThat(line.peakMbps()).isEqualByComparingTo("8000");
    assertThat(line.coverage()).isEqualTo("1/288");
  }

  @Test
  void activeDayWithoutTrafficIsAZeroLineMarkedSo_D9() throws Exception {
    String id = billedConnection(1000);

    bill(DAY, SHANGHAI);

    BillLine line = line(id, DAY);
    assertThat(line.status()).isEqualTo(LineStatus.NO_TRAFFIC);
    assertThat(line.amount()).isEqualByComparingTo("0.00");
    assertThat(line.peakMbps()).isNull();
    assertThat(line.coverage()).isEqualTo("0/288");
  }

  @Test
  void missingTariffIsAFailedLineAndANonSuccessRun_D7() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(DAY.plusDays(1)); // not yet in force on DAY
    String id = fixture.crossRegion(1000, BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(100), 0);

    ExitStatus run = bill(DAY, SHANGHAI);

    assertThat(run.getExitCode()).isEqualTo(FailedLinesExitStatus.EXIT_CODE);
    BillLine line = line(id, DAY);
    assertThat(line.status()).isEqualTo(LineStatus.FAILED);
    assertThat(line.failureReason())
        .isEqualTo(
            "no tariff in force for region pair class cn-mainland:cn-mainland on 2026-11-25");
    assertThat(line.amount()).isEqualByComparingTo("0.00");
  }
}
