package io.peerbill.billing.month;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.run.CompletenessGuard;
import io.peerbill.billing.run.DayFence;
import io.peerbill.billing.statement.MonthStatementFiles;
import io.peerbill.billing.statement.MonthStatementRepository;
import io.peerbill.billing.statement.html.MonthStatementPages;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** D13: the month's 95th percentile, capped, rounded, priced by the month and prorated. */
class MonthlyPercentileBillingTest extends BillingTestBase {

  static final BillingMonth NOVEMBER = new BillingMonth(YearMonth.of(2026, 11), SHANGHAI);

  @Autowired MonthlyBillingRun monthlyRun;
  @Autowired MonthLineRepository monthLines;
  @Autowired MonthStatementRepository monthStatements;
  @Autowired DayFence fence;
  @Autowired MonthStatementPages pages;

  MonthFixture month;

  @BeforeEach
  void monthlyTariff() {
    month = new MonthFixture(dsl);
    month.monthlyTariff(tariffs);
  }

  /** Active since the month before, billed by the month from {@code m} on, traffic all month. */
  String fullMonth(BillingMonth m, int capMbps) {
    month.partitions(m);
    String id = fixture.crossRegion(capMbps, m.start().minus(Duration.ofDays(20)));
    month.monthly(id, m);
    month.shuffled(id, m.start(), m.end(), pointsOf(m));
    return id;
  }

  static int pointsOf(BillingMonth m) {
    return (int) (Duration.between(m.start(), m.end()).toSeconds() / 300);
  }

  MonthLine bill(BillingMonth m, String connectionId) throws Exception {
    fixture.watermark(m.end());
    monthlyRun.bill(m, false);
    return monthLines.of(m.month().atDay(1), null).get(connectionId);
  }

  @Test
  void monthOf8640PointsDropsTheTop432AndBillsThe433rd_D13() throws Exception {
    String id = fullMonth(NOVEMBER, 5000);

    MonthLine line = bill(NOVEMBER, id);

    // Values 0.5, 1.0, ... 4320.0 Mbps shuffled: the 433rd from the top is 8208 / 2.
    assertThat(line.points()).isEqualTo(8640);
    assertThat(line.pointsDropped()).isEqualTo(432);
    assertThat(line.p95Mbps()).isEqualByComparingTo("4104");
    assertThat(line.billedPointAt())
        .isEqualTo(MonthFixture.bucketOfValue(NOVEMBER.start(), 8640, 8208));
    assertThat(line.billedMbps()).isEqualByComparingTo("4104.00");
    assertThat(line.amount()).isEqualByComparingTo("143640.00"); // 4104.00 x 35.00 x 30/30
    assertThat(line.activeDaysOfMonth()).isEqualTo("30/30");
    assertThat(line.status()).isEqualTo(MonthLineStatus.BILLED);
    // The same point the bare ordered-set aggregate picks over the same rows.
    BigDecimal bare =
        dsl.fetchSingle(
                "SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY greatest(in_bytes, out_bytes))"
                    + " * 8 / 300e6 FROM billable_traffic_5m WHERE connection_id = ?",
                id)
            .get(0, BigDecimal.class);
    assertThat(bare).isEqualByComparingTo(line.p95Mbps());
  }

  /**
   * Every point count from 1 to 60 (and 8,640), few distinct values so that ties are many: the
   * billed point of a connection active all month (read by its one sort key) and of one active from
   * the 2nd (read point by point) is the (floor(N / 20) + 1)-th of (value descending, time
   * ascending), as sorting them here says.
   */
  @Test
  void everyPointCountBillsThePointAfterTheTopFloorOfNOver20EarliestFirstAmongTies_D13()
      throws Exception {
    month.partitions(NOVEMBER);
    java.util.Random random = new java.util.Random(17);
    java.util.Map<String, java.util.List<long[]>> expected = new java.util.HashMap<>();
    java.util.List<Integer> counts = new java.util.ArrayList<>();
    for (int n = 1; n <= 60; n++) {
      counts.add(n);
    }
    counts.add(8640);
    for (int n : counts) {
      for (boolean allMonth : new boolean[] {true, false}) {
        Instant from =
            allMonth
                ? NOVEMBER.start().minus(Duration.ofDays(20))
                : NOVEMBER.start().plus(Duration.ofDays(1));
        String id = fixture.crossRegion(5000, from);
        month.monthly(id, NOVEMBER);
        java.util.List<long[]> points = new java.util.ArrayList<>();
        int slots = pointsOf(NOVEMBER) - (allMonth ? 0 : 288);
        Instant first = allMonth ? NOVEMBER.start() : from;
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        int count = Math.min(n, slots);
        while (points.size() < count) {
          int slot = count == slots ? points.size() : random.nextInt(slots);
          if (taken.add(slot)) {
            long bytes = BillingFixture.bytesFor(10 * (1 + random.nextInt(5)));
            Instant at = first.plusSeconds(300L * slot);
            fixture.bucket(id, at, bytes, bytes / 2);
            points.add(new long[] {bytes, at.getEpochSecond()});
          }
        }
        points.sort(
            java.util.Comparator.<long[]>comparingLong(p -> -p[0]).thenComparingLong(p -> p[1]));
        expected.put(id, java.util.List.of(points.get(count / 20), new long[] {count}));
      }
    }
    fixture.watermark(NOVEMBER.end());
    monthlyRun.bill(NOVEMBER, false);

    var lines = monthLines.of(NOVEMBER.month().atDay(1), null);
    assertThat(lines).hasSize(expected.size());
    expected.forEach(
        (id, want) -> {
          MonthLine line = lines.get(id);
          assertThat(line.points()).as(id).isEqualTo((int) want.get(1)[0]);
          assertThat(line.p95Mbps())
              .as(id + " of " + line.points())
              .isEqualByComparingTo(io.peerbill.billing.DailyPeakPricer.bucketMbps(want.get(0)[0]));
          assertThat(line.billedPointAt())
              .as(id + " of " + line.points())
              .isEqualTo(Instant.ofEpochSecond(want.get(0)[1]));
        });
  }

  @Test
  void statementShowsTheMonthLineAndChartsItsSortedPointsWithTheCut_D13() throws Exception {
    String id = fullMonth(NOVEMBER, 5000);
    bill(NOVEMBER, id);

    String lineCsv =
        Files.readString(
            properties.statementDir().resolve(MonthStatementFiles.linesName(NOVEMBER)));
    String billedAt = MonthFixture.bucketOfValue(NOVEMBER.start(), 8640, 8208).toString();
    assertThat(lineCsv.lines())
        .contains(
            BillingFixture.REQUESTER
                + ","
                + id
                + ",2026-11,Asia/Shanghai,BILLED,4104.000000,"
                + "5000,4104.00,143640.00,CNY,8640,432,"
                + billedAt
                + ",30,30,");
    assertThat(
            properties
                .statementDir()
                .resolve(MonthStatementPages.name(BillingFixture.REQUESTER, NOVEMBER)))
        .as("bill --month renders no page")
        .doesNotExist();
    // Rendered on request (bills pages --month).
    Path written =
        pages.write(NOVEMBER.month(), BillingFixture.REQUESTER, properties.statementDir()).get(0);
    assertThat(written.getFileName().toString())
        .isEqualTo(MonthStatementPages.name(BillingFixture.REQUESTER, NOVEMBER));
    String page = Files.readString(written);
    assertThat(page)
        .contains("<td>8640</td><td>432</td>")
        .contains("<td>30 of 30</td>")
        .contains("data-points=\"8640\" data-dropped=\"432\"")
        .contains("point 433 of 8640: 4104.00 Mbps")
        .contains("cut: 432 dropped, point 433 billed")
        .contains("Total CNY 143640.00");
  }

  @Test
  void activeTenDaysProratesAndOnlyActivePointsCount_D13() throws Exception {
    month.partitions(NOVEMBER);
    Instant activeFrom = LocalDate.of(2026, 11, 21).atStartOfDay(SHANGHAI).toInstant();
    String id = fixture.crossRegion(5000, activeFrom);
    month.monthly(id, NOVEMBER);
    // Before it was ACTIVE: 4999 Mbps buckets that must not count.
    month.constant(id, NOVEMBER.start(), activeFrom, 4999);
    month.shuffled(id, activeFrom, NOVEMBER.end(), 2880);

    MonthLine line = bill(NOVEMBER, id);

    assertThat(line.points()).isEqualTo(2880);
    assertThat(line.pointsDropped()).isEqualTo(144);
    assertThat(line.p95Mbps()).isEqualByComparingTo("1368"); // (2880 - 144) / 2
    assertThat(line.activeDaysOfMonth()).isEqualTo("10/30");
    assertThat(line.amount()).isEqualByComparingTo("15960.00"); // 1368.00 x 35.00 x 10/30
  }

  @Test
  void capLoweredMidMonthBillsTheHighestCapInForce_D6_D13() throws Exception {
    String id = fullMonth(NOVEMBER, 3000);
    fixture.capChange(id, 1000, LocalDate.of(2026, 11, 15).atStartOfDay(SHANGHAI).toInstant());

    MonthLine line = bill(NOVEMBER, id);

    assertThat(line.p95Mbps()).isEqualByComparingTo("4104");
    assertThat(line.capMbps()).isEqualTo(3000);
    assertThat(line.billedMbps()).isEqualByComparingTo("3000.00");
    assertThat(line.amount()).isEqualByComparingTo("105000.00");
  }

  @Test
  void februaryOf28DaysHas8064PointsAndProratesBy28_D13() throws Exception {
    BillingMonth february = new BillingMonth(YearMonth.of(2027, 2), SHANGHAI);
    String whole = fullMonth(february, 5000);
    Instant eleventh = LocalDate.of(2027, 2, 11).atStartOfDay(SHANGHAI).toInstant();
    String late = fixture.crossRegion(5000, eleventh);
    month.monthly(late, february);
    month.shuffled(late, eleventh, february.end(), 18 * 288);

    fixture.watermark(february.end());
    monthlyRun.bill(february, false);
    var lines = monthLines.of(february.month().atDay(1), null);

    assertThat(lines.get(whole).points()).isEqualTo(8064);
    assertThat(lines.get(whole).pointsDropped()).isEqualTo(403);
    assertThat(lines.get(whole).p95Mbps()).isEqualByComparingTo("3830.5"); // (8064 - 403) / 2
    assertThat(lines.get(whole).activeDaysOfMonth()).isEqualTo("28/28");
    assertThat(lines.get(whole).amount()).isEqualByComparingTo("134067.50");
    assertThat(lines.get(late).points()).isEqualTo(5184);
    assertThat(lines.get(late).p95Mbps()).isEqualByComparingTo("2462.5"); // (5184 - 259) / 2
    assertThat(lines.get(late).activeDaysOfMonth()).isEqualTo("18/28");
    assertThat(lines.get(late).amount()).isEqualByComparingTo("55406.25"); // x 35 x 18/28
  }

  @Test
  void monthWithADstChangeHas12PointsMoreOnItsLongDay_D13() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    BillingMonth october = new BillingMonth(YearMonth.of(2026, 10), berlin); // 25 October: 25 h
    String id = fullMonth(october, 5000);

    MonthLine line = bill(october, id);

    assertThat(line.points()).isEqualTo(31 * 288 + 12);
    assertThat(line.pointsDropped()).isEqualTo(447);
    assertThat(line.p95Mbps()).isEqualByComparingTo("4246.5"); // (8940 - 447) / 2
    assertThat(line.activeDaysOfMonth()).isEqualTo("31/31");
    assertThat(line.zone()).isEqualTo("Europe/Berlin");
    assertThat(line.amount()).isEqualByComparingTo("148627.50");
  }

  @Test
  void reRunAfterLateDataRevisesTheMonthLine_D13() throws Exception {
    String id = fullMonth(NOVEMBER, 5000);
    bill(NOVEMBER, id);
    bill(NOVEMBER, id); // nothing new: nothing changes
    assertThat(dsl.fetchCount(dsl.selectFrom("month_bill_line_revision"))).isZero();

    // A too-late sample lifts the 0.5 Mbps bucket above every other: the cut moves up one.
    Instant lowest = MonthFixture.bucketOfValue(NOVEMBER.start(), 8640, 1);
    fixture.tooLate(id, lowest.plusSeconds(300), 4400L * 37_500_000, 0);
    MonthLine revised = bill(NOVEMBER, id);

    assertThat(revised.p95Mbps()).isEqualByComparingTo("4104.5");
    assertThat(revised.amount()).isEqualByComparingTo("143657.50");
    var revision =
        dsl.fetchOne(
            "SELECT revision, amount, reason FROM month_bill_line_revision WHERE connection_id = ?",
            id);
    assertThat(revision.get("revision", Integer.class)).isEqualTo(1);
    assertThat(revision.get("amount", BigDecimal.class)).isEqualByComparingTo("143640.00");
    assertThat(revision.get("reason", String.class))
        .startsWith("re-run changed")
        .contains("amount 143640 -> 143657.5");
    var statement = monthStatements.statementsOf(NOVEMBER.month().atDay(1)).get(0);
    assertThat(statement.total()).isEqualByComparingTo("143657.50");
    assertThat(statement.adjustment()).isEqualByComparingTo("17.50");
    assertThat(statement.revision()).isEqualTo(2);
  }

  @Test
  void monthIsRefusedUntilItsTrafficIsComplete_D13() {
    String id = fullMonth(NOVEMBER, 5000);
    fixture.watermark(NOVEMBER.end().minusSeconds(1));

    assertThatThrownBy(() -> monthlyRun.bill(NOVEMBER, false))
        .isInstanceOf(CompletenessGuard.DayNotCompleteException.class)
        .hasMessageContaining("cannot bill 2026-11 (Asia/Shanghai)")
        .hasMessageContaining("the end of the month");
    assertThat(monthLines.of(NOVEMBER.month().atDay(1), null)).doesNotContainKey(id);
  }

  @Test
  void monthBeingBilledElsewhereIsRefusedByItsFence_D13() throws Exception {
    fullMonth(NOVEMBER, 5000);
    fixture.watermark(NOVEMBER.end());
    try (DayFence.Held held = fence.hold(NOVEMBER.month())) {
      assertThatThrownBy(() -> monthlyRun.bill(NOVEMBER, false))
          .isInstanceOf(DayFence.DayBeingBilledException.class)
          .hasMessageStartingWith("cannot bill 2026-11: it is being billed by another");
      // The month's fence is not its first day's.
      try (DayFence.Held day = fence.hold(LocalDate.of(2026, 11, 1))) {
        assertThat(day).isNotNull();
      }
    }
  }
}
