package io.peerbill.billing.bench;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.month.MonthlyBillingRun;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TierModel;
import io.peerbill.peering.ChargeMode;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Monthly billing benchmark (not a test, D13): N MONTHLY_95TH connections × a month of 5-minute
 * buckets (November 2026 in Asia/Shanghai: 8,640 each) generated into a throwaway embedded
 * PostgreSQL, then, in one run, the bare ordered-set aggregate ({@code percentile_disc(0.95)} per
 * connection over the same rows), the whole monthly run ({@code MonthlyBillingRun.bill}: guard,
 * fence, aggregate, rating, lines, statements, CSV files), and the bare aggregate again; wall times
 * and the run's peak heap. Run with {@code ./mvnw -q -pl billing-batch -am -DskipTests -Pbench
 * verify -Dbench.main=io.peerbill.billing.bench.MonthlyBillingBenchmark -Dbench.connections=N}.
 */
public final class MonthlyBillingBenchmark {

  static final BillingMonth MONTH =
      new BillingMonth(YearMonth.of(2026, 11), ZoneId.of("Asia/Shanghai"));

  private MonthlyBillingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    TestDatabase db = PostgresExtension.newDatabase();
    long t0 = System.nanoTime();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      BillingBenchmark.connections(
          c, connections, Timestamp.from(MONTH.start().minusSeconds(86_400)));
      BillingBenchmark.exec(
          c,
          "INSERT INTO charge_mode_change (connection_id, charge_mode, effective_month,"
              + " effective_from, zone, actor_account_id) SELECT id, 'MONTHLY_95TH', ?::date, ?,"
              + " 'Asia/Shanghai', requester_account_id FROM peering_connection",
          MONTH.month().atDay(1).toString(),
          Timestamp.from(MONTH.start()));
      BillingBenchmark.loadBuckets(c, MONTH.start(), MONTH.end());
      s.execute("VACUUM (FREEZE, ANALYZE)");
    }
    long points = (MONTH.end().getEpochSecond() - MONTH.start().getEpochSecond()) / 300;
    System.out.printf(
        "generated %,d connections x %,d buckets in %.1f s%n",
        connections, points, BillingBenchmark.secs(t0));

    bare(db, null); // warm-up: both sides then read a warm cache
    double bareBefore = bare(db, null);
    try (ConfigurableApplicationContext context =
        BillingBenchmark.startBilling(
            db,
            new Tariff(
                null,
                "cn-mainland:cn-mainland",
                LocalDate.of(2026, 1, 1),
                TierModel.VOLUME,
                "CNY",
                List.of(
                    BillingBenchmark.tier("0", "500", "40.00"),
                    BillingBenchmark.tier("500", null, "35.00")),
                ChargeMode.MONTHLY_95TH))) {
      String workMem = context.getBean(BillingProperties.class).aggregateWorkMem();
      double bareSameMemoryBefore = bare(db, workMem);
      System.gc();
      HeapWatch heap = HeapWatch.start();
      long start = System.nanoTime();
      MonthReport report = context.getBean(MonthlyBillingRun.class).bill(MONTH, true);
      double run = BillingBenchmark.secs(start);
      heap.stop();
      // The statement pages (one per account, the month's sorted points read again) come after
      // the bills are committed; reported beside the billing, as the daily bench does.
      double pages = report.pagesTook().toMillis() / 1000.0;
      double billing = run - pages;
      report.describe().forEach(System.out::println);
      double bare = (bareBefore + bare(db, null)) / 2;
      double bareSameMemory = (bareSameMemoryBefore + bare(db, workMem)) / 2;
      System.out.printf(
          "RESULT connections=%d points=%d bare_percentile_disc_s=%.2f monthly_billing_s=%.2f"
              + " ratio=%.2f pages_s=%.2f bill_call_s=%.2f ratio_bill_call=%.2f"
              + " bare_same_work_mem_s=%.2f ratio_vs_bare_same_work_mem=%.2f"
              + " peak_live_heap_mb=%d peak_used_heap_mb=%d max_heap_mb=%d%n",
          connections,
          connections * points,
          bare,
          billing,
          billing / bare,
          pages,
          run,
          run / bare,
          bareSameMemory,
          billing / bareSameMemory,
          heap.peakLiveBytes() / (1024 * 1024),
          heap.peakUsedBytes() / (1024 * 1024),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
    System.exit(0);
  }

  /** The bare 95th percentile per connection over the month's buckets, all rows fetched. */
  private static double bare(TestDatabase db, String workMem) throws Exception {
    long start = System.nanoTime();
    int rows = 0;
    try (Connection c = db.dataSource().getConnection();
        Statement settings = c.createStatement();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT connection_id, percentile_disc(0.95) WITHIN GROUP"
                    + " (ORDER BY greatest(in_bytes, out_bytes)) FROM traffic_5m"
                    + " WHERE bucket_start >= ? AND bucket_start < ? GROUP BY connection_id")) {
      if (workMem != null && !workMem.isBlank()) {
        settings.execute("SET work_mem = '" + workMem.strip() + "'");
      }
      ps.setTimestamp(1, Timestamp.from(MONTH.start()));
      ps.setTimestamp(2, Timestamp.from(MONTH.end()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
    }
    double s = BillingBenchmark.secs(start);
    System.out.printf(
        "bare percentile_disc%s: %,d rows in %.2f s%n",
        workMem == null ? "" : " (work_mem " + workMem + ")", rows, s);
    return s;
  }
}
