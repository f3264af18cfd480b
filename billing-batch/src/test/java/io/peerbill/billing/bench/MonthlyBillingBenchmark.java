package io.peerbill.billing.bench;

import io.peerbill.billing.BillingMonth;
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
 * fence, aggregate, rating, lines, statements, CSV files; no HTML pages, which are rendered on
 * request), and the bare aggregate again; wall times, the run's peak heap, and a check that every
 * line's 95th is the bare aggregate's. Run with {@code ./mvnw -q -pl billing-batch -am -DskipTests
 * -Pbench verify -Dbench.main=io.peerbill.billing.bench.MonthlyBillingBenchmark
 * -Dbench.connections=N}.
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

    bare(db); // warm-up: both sides then read a warm cache
    double bareBefore = bare(db);
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
      System.gc();
      HeapWatch heap = HeapWatch.start();
      long start = System.nanoTime();
      MonthReport report = context.getBean(MonthlyBillingRun.class).bill(MONTH, true);
      double billing = BillingBenchmark.secs(start);
      heap.stop();
      report.describe().forEach(System.out::println);
      double bareAfter = bare(db);
      double bare = (bareBefore + bareAfter) / 2;
      System.out.println(sameAsBare(db));
      System.out.printf(
          "RESULT connections=%d points=%d bare_percentile_disc_s=%.2f (%.2f before, %.2f after)"
              + " monthly_billing_s=%.2f ratio=%.2f peak_live_heap_mb=%d peak_used_heap_mb=%d"
              + " max_heap_mb=%d%n",
          connections,
          connections * points,
          bare,
          bareBefore,
          bareAfter,
          billing,
          billing / bare,
          heap.peakLiveBytes() / (1024 * 1024),
          heap.peakUsedBytes() / (1024 * 1024),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
    System.exit(0);
  }

  /**
   * That the bare aggregate is the run's: every month line's 95th is the bare percentile_disc of
   * its connection's buckets in Mbps (the ceil(0.95 N)-th ascending is D13's point), and the run
   * billed every connection the bare one saw, over the same number of points.
   */
  private static String sameAsBare(TestDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE l.p95_mbps = round(b.p95 * 8 / 300000000.0,"
                    + " 6) AND l.points = b.n) FROM (SELECT connection_id, count(*) AS n,"
                    + " percentile_disc(0.95) WITHIN GROUP (ORDER BY greatest(in_bytes, out_bytes))"
                    + " AS p95 FROM traffic_5m WHERE bucket_start >= ? AND bucket_start < ? GROUP BY"
                    + " connection_id) b LEFT JOIN month_bill_line l ON l.connection_id ="
                    + " b.connection_id AND l.bill_month = ?::date")) {
      ps.setTimestamp(1, Timestamp.from(MONTH.start()));
      ps.setTimestamp(2, Timestamp.from(MONTH.end()));
      ps.setString(3, MONTH.month().atDay(1).toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return String.format(
            "same as bare: %,d of %,d connections' lines have the bare 95th and point count",
            rs.getLong(2), rs.getLong(1));
      }
    }
  }

  /** The bare 95th percentile per connection over the month's buckets, all rows fetched. */
  private static double bare(TestDatabase db) throws Exception {
    long start = System.nanoTime();
    int rows = 0;
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT connection_id, percentile_disc(0.95) WITHIN GROUP"
                    + " (ORDER BY greatest(in_bytes, out_bytes)) FROM traffic_5m"
                    + " WHERE bucket_start >= ? AND bucket_start < ? GROUP BY connection_id")) {
      ps.setTimestamp(1, Timestamp.from(MONTH.start()));
      ps.setTimestamp(2, Timestamp.from(MONTH.end()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
    }
    double s = BillingBenchmark.secs(start);
    System.out.printf("bare percentile_disc: %,d rows in %.2f s%n", rows, s);
    return s;
  }
}
