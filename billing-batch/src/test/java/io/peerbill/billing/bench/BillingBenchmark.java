package io.peerbill.billing.bench;

import io.peerbill.billing.BillingApplication;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.run.BillingRun;
import io.peerbill.billing.statement.html.StatementPageFiles;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Billing benchmark (not a test): N cross-region connections × 288 buckets generated into a
 * throwaway embedded PostgreSQL, then, in one run, the bare SQL daily-peak aggregate, the whole
 * {@code bill --date D} call (as the CLI makes it), one account's statement page on request, and
 * the bare aggregate again; wall times and the bill call's peak heap. Run with {@code ./mvnw -q -pl
 * billing-batch -am -DskipTests -Pbench verify} ({@code -Dbench.connections=N}).
 */
public final class BillingBenchmark {

  static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private BillingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    BillingDay day = new BillingDay(DAY, ZONE);
    TestDatabase db = PostgresExtension.newDatabase();
    long t0 = System.nanoTime();
    generate(db, day, connections);
    System.out.printf("generated %,d connections x 288 buckets in %.1f s%n", connections, secs(t0));

    bareAggregate(db, day); // warm-up: both sides of the comparison then read a warm cache
    double bareBefore = bareAggregate(db, day);
    try (ConfigurableApplicationContext context =
        startBilling(
            db,
            new Tariff(
                null,
                "cn-mainland:cn-mainland",
                LocalDate.of(2026, 1, 1),
                TierModel.VOLUME,
                "CNY",
                List.of(
                    tier("0", "500", "1.54"),
                    tier("500", "5000", "1.50"),
                    tier("5000", "20000", "1.35"),
                    tier("20000", null, "1.20"))))) {
      String workMem = context.getBean(BillingProperties.class).aggregateWorkMem();
      double bareSameMemoryBefore = bareAggregate(db, day, workMem);
      if (Boolean.getBoolean("bench.explain")) {
        explain(db, day, workMem);
      }
      long dry = System.nanoTime();
      int rated = context.getBean(io.peerbill.billing.run.DryRun.class).rate(day, line -> {});
      System.out.printf(
          "dry run (aggregate + rating, no writes): %,d lines in %.2f s%n", rated, secs(dry));
      System.gc();
      HeapWatch heap = HeapWatch.start();
      long start = System.nanoTime();
      BillingReport report = context.getBean(BillingRun.class).bill(day, true);
      double job = secs(start);
      heap.stop();
      report.describe().forEach(System.out::println);
      JobRepository repository = context.getBean(JobRepository.class);
      var billing = repository.getJobExecution(report.jobExecutionId());
      for (var step : billing.getStepExecutions()) {
        System.out.printf(
            "  step %s: %d read, %d written, %d ms%n",
            step.getStepName(),
            step.getReadCount(),
            step.getWriteCount(),
            Duration.between(step.getStartTime(), step.getEndTime()).toMillis());
      }
      double billingJob =
          Duration.between(billing.getStartTime(), billing.getEndTime()).toMillis() / 1000.0;
      // What a payer asks for afterwards, rendered on request (bills pages --account, the API).
      long page = System.nanoTime();
      context
          .getBean(StatementPageFiles.class)
          .write(DAY, "acct-1", context.getBean(BillingProperties.class).statementDir());
      double onePage = secs(page);
      double bareAfter = bareAggregate(db, day);
      double bare = (bareBefore + bareAfter) / 2;
      // The same work_mem the job gives its staging aggregate, timed before and after it too.
      double bareSameMemory = (bareSameMemoryBefore + bareAggregate(db, day, workMem)) / 2;
      // The whole bill call (completeness guard, fence, recovery, the billing job's lines and CSV
      // statements, the report's tally) is what the operator waits for and what the target is
      // about; the job alone is reported beside it, and one account's statement page (100
      // connections, charts read every bucket of them again) rendered on request after it.
      System.out.printf(
          "RESULT connections=%d buckets=%d bare_before_s=%.2f bare_after_s=%.2f"
              + " bill_call_s=%.2f ratio_bill_call=%.2f billing_job_s=%.2f ratio_billing_job=%.2f"
              + " one_account_page_s=%.2f"
              + " bare_same_work_mem_s=%.2f ratio_vs_bare_same_work_mem=%.2f"
              + " peak_live_heap_mb=%d peak_used_heap_mb=%d max_heap_mb=%d%n",
          connections,
          connections * 288L,
          bareBefore,
          bareAfter,
          job,
          job / bare,
          billingJob,
          billingJob / bare,
          onePage,
          bareSameMemory,
          billingJob / bareSameMemory,
          heap.peakLiveBytes() / (1024 * 1024),
          heap.peakUsedBytes() / (1024 * 1024),
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
    System.exit(0);
  }

  /**
   * The billing application on the bench's database, statements in a temporary folder, with {@code
   * tariff} loaded: what both billing benches run against.
   */
  static ConfigurableApplicationContext startBilling(TestDatabase db, Tariff tariff)
      throws java.io.IOException {
    System.setProperty("peerbill.db.url", db.jdbcUrl());
    System.setProperty("peerbill.db.user", db.user());
    System.setProperty(
        "peerbill.billing.statement-dir", Files.createTempDirectory("bench-statements").toString());
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BillingApplication.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run();
    context.getBean(TariffRepository.class).load(List.of(tariff));
    return context;
  }

  private static void generate(TestDatabase db, BillingDay day, int connections) throws Exception {
    Timestamp before = Timestamp.from(day.start().minusSeconds(86_400));
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      connections(c, connections, before);
      loadBuckets(c, day.start(), day.end());
      s.execute(
          "SELECT traffic_ensure_partitions('"
              + DAY.minusDays(1)
              + "', '"
              + DAY.plusDays(1)
              + "')");
      // Frozen and analysed, so that neither timed query pays for setting hint bits.
      s.execute("VACUUM (FREEZE, ANALYZE)");
    }
  }

  /**
   * Regions, 1,000 accounts and {@code connections} cross-region connections (cap 1000 Mbps, ACTIVE
   * since {@code before}, 100 per account), ids {@code pcx-00000001} on. Written as the rows the
   * peering service leaves for an accepted request, in bulk, because the service registers about 80
   * connections a second (GeneratedFleet): 100,000 would take 20 minutes before the first timing.
   * Only the benchmark does this; every test world is built through the service.
   */
  static void connections(Connection c, int connections, Timestamp before) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO region VALUES ('ap-guangzhou', 'Guangzhou', 'cn-mainland'),"
              + " ('ap-beijing', 'Beijing', 'cn-mainland')");
      s.execute(
          "INSERT INTO account (id, name) SELECT 'acct-' || g, 'bench' FROM generate_series(1, 1000) g");
      exec(
          c,
          "INSERT INTO vpc (id, account_id, region, name)"
              + " SELECT 'vpc-' || side || lpad(g::text, 8, '0'), 'acct-' || (g % 1000 + 1),"
              + " CASE side WHEN 'r' THEN 'ap-guangzhou' ELSE 'ap-beijing' END, 'bench'"
              + " FROM generate_series(1, ?) g, (VALUES ('r'), ('a')) sides(side)",
          connections);
      exec(
          c,
          "INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,"
              + " requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope,"
              + " state, bandwidth_cap_mbps, created_at, accepted_at)"
              + " SELECT 'pcx-' || lpad(g::text, 8, '0'), 'bench', 'vpc-r' || lpad(g::text, 8, '0'),"
              + " 'acct-' || (g % 1000 + 1), 'ap-guangzhou', 'vpc-a' || lpad(g::text, 8, '0'),"
              + " 'acct-' || (g % 1000 + 1), 'ap-beijing', 'CROSS_REGION', 'ACTIVE', 1000, ?, ?"
              + " FROM generate_series(1, ?) g",
          before,
          before,
          connections);
      exec(
          c,
          "INSERT INTO peering_event (connection_id, from_state, to_state, actor_account_id,"
              + " occurred_at) SELECT id, 'PENDING_ACCEPTANCE', 'ACTIVE', requester_account_id, ?"
              + " FROM peering_connection",
          before);
      exec(
          c,
          "INSERT INTO bandwidth_cap_change (connection_id, cap_mbps, effective_from,"
              + " actor_account_id) SELECT id, 1000, ?, requester_account_id FROM peering_connection",
          before);
    }
  }

  /**
   * A bucket every 5 minutes of [start, end) per connection with random in/out bytes (up to 667
   * Mbps), in time order as the stream writes them, and written the fast way: each UTC-day
   * partition the range touches is filled as a plain table by one INSERT … SELECT over
   * generate_series, gets its primary key afterwards (one sorted index build instead of millions of
   * index insertions) and is then attached to traffic_5m.
   */
  static void loadBuckets(Connection c, Instant start, Instant end) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '512MB'");
      s.execute("SET work_mem = '512MB'");
      s.execute("SET synchronous_commit = off");
    }
    LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
    for (LocalDate utcDay = first; !utcDay.isAfter(last); utcDay = utcDay.plusDays(1)) {
      String partition = "traffic_5m_p" + utcDay.toString().replace("-", "");
      Timestamp from = Timestamp.from(utcDay.atStartOfDay(ZoneOffset.UTC).toInstant());
      Timestamp to = Timestamp.from(utcDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE "
                + partition
                + " (LIKE traffic_5m INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
      }
      exec(
          c,
          "INSERT INTO "
              + partition
              + " (connection_id, bucket_start, in_bytes, out_bytes, in_packets, out_packets,"
              + " in_dropped, out_dropped, sample_count)"
              + " SELECT c.id, b, (random() * 2.5e10)::bigint, (random() * 2.5e10)::bigint,"
              + " 0, 0, 0, 0, 5"
              + " FROM peering_connection c,"
              + " generate_series(?::timestamptz, ?::timestamptz - interval '5 minutes',"
              + " interval '5 minutes') b"
              + " WHERE b >= ? AND b < ?"
              + " ORDER BY b, c.id",
          Timestamp.from(start),
          Timestamp.from(end),
          from,
          to);
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE " + partition + " ADD PRIMARY KEY (connection_id, bucket_start)");
        s.execute(
            "ALTER TABLE traffic_5m ATTACH PARTITION "
                + partition
                + " FOR VALUES FROM ('"
                + from.toInstant()
                + "') TO ('"
                + to.toInstant()
                + "')");
      }
    }
  }

  static void exec(Connection c, String sql, Object... parameters) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.execute();
    }
  }

  /** The bare daily-peak aggregate over the day's buckets, all rows fetched. */
  private static double bareAggregate(TestDatabase db, BillingDay day) throws Exception {
    return bareAggregate(db, day, null);
  }

  /** The bare aggregate; with {@code workMem}, under the same work_mem the job gives its own. */
  private static double bareAggregate(TestDatabase db, BillingDay day, String workMem)
      throws Exception {
    long start = System.nanoTime();
    int rows = 0;
    try (Connection c = db.dataSource().getConnection();
        Statement settings = c.createStatement();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT connection_id, max(greatest(in_bytes, out_bytes)) FROM traffic_5m"
                    + " WHERE bucket_start >= ? AND bucket_start < ? GROUP BY connection_id")) {
      if (workMem != null && !workMem.isBlank()) {
        settings.execute("SET work_mem = '" + workMem.strip() + "'");
      }
      ps.setTimestamp(1, Timestamp.from(day.start()));
      ps.setTimestamp(2, Timestamp.from(day.end()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
    }
    double s = secs(start);
    System.out.printf(
        "bare aggregate%s: %,d rows in %.2f s%n",
        workMem == null ? "" : " (work_mem " + workMem + ")", rows, s);
    return s;
  }

  /**
   * The plans of both sides at the job's work_mem: the bare aggregate, and the staging step's
   * {@code CREATE TABLE ... AS} (rolled back). Timing off, so the totals stay near the real ones.
   */
  private static void explain(TestDatabase db, BillingDay day, String workMem) throws Exception {
    String bare =
        "SELECT connection_id, max(greatest(in_bytes, out_bytes)) FROM traffic_5m"
            + " WHERE bucket_start >= '%s' AND bucket_start < '%s' GROUP BY connection_id"
                .formatted(day.start(), day.end());
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SET LOCAL work_mem = '" + workMem.strip() + "'");
      for (String sql :
          List.of(bare, io.peerbill.billing.job.DailyPeakQuery.stage("explain_stage", day))) {
        try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, TIMING OFF, BUFFERS) " + sql)) {
          while (rs.next()) {
            System.out.println("  | " + rs.getString(1));
          }
        }
      }
      c.rollback();
    }
  }

  static TariffTier tier(String from, String to, String price) {
    return new TariffTier(
        new BigDecimal(from), to == null ? null : new BigDecimal(to), new BigDecimal(price));
  }

  static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
