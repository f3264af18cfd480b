package io.peerbill.billing.run;

import static io.peerbill.schema.jooq.Tables.CHARGE_MODE_CHANGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.month.MonthlyBillingRun;
import io.peerbill.billing.statement.MonthStatementFiles;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import io.peerbill.peering.ChargeMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code bill --month M} (D13) in a JVM of its own, killed with SIGKILL at five points drawn at
 * random (printed with their seed; {@code -Dpeerbill.kill.seed=N} draws them again): during the
 * aggregate, the month's lines, the statements, the run's record, and the CSV statement files, each
 * phase at a random table or line. A gate the test holds stops the run there. The run killed is a
 * re-run after late data (so it writes revisions). Then {@code bill --month M} again: month lines,
 * revisions, month statements and the CSV files are those of an undisturbed run.
 *
 * <p>A monthly run is one transaction up to its record in {@code month_billing_run}, then the
 * files: a kill before the commit leaves nothing of it (the next run starts over), a kill after it
 * leaves the month billed without files (the next run is a re-run that changes nothing and writes
 * them). It has no Spring Batch execution to leave STARTED; what a dead run could leave behind is
 * its fence and an open transaction, and neither survives its process.
 */
class MonthBillKilledMidRunTest extends BillingTestBase {

  static final BillingMonth NOVEMBER =
      new BillingMonth(YearMonth.of(2026, 11), BillingTestBase.SHANGHAI);
  static final int CONNECTIONS = 6;
  static final int LINE_GATE = 2;

  /** The connections (by index) whose month the late data changes. */
  static final List<Integer> CHANGED = List.of(0, 4, 5);

  static final long SEED = Long.getLong("peerbill.kill.seed", System.nanoTime());

  enum Phase {
    DURING_AGGREGATE,
    DURING_LINES,
    DURING_STATEMENTS,
    DURING_RUN_RECORD,
    DURING_FILES
  }

  /** Where a run is killed: a phase, and in it a table the run waits for or a line's index. */
  record KillPoint(int kill, Phase phase, String table, int line) {
    @Override
    public String toString() {
      String at =
          phase == Phase.DURING_LINES
              ? "writing the month line of connection " + (line + 1) + " of " + CONNECTIONS
              : "waiting for " + table;
      return "kill " + kill + " of seed " + SEED + ": " + phase + ", " + at;
    }
  }

  /** The five kill points of this run, drawn from {@link #SEED}. */
  static List<KillPoint> killPoints() {
    Random random = new Random(SEED);
    System.out.println(
        "MonthBillKilledMidRunTest: kill points drawn with -Dpeerbill.kill.seed=" + SEED);
    List<KillPoint> points = new ArrayList<>();
    Phase[] phases = Phase.values();
    for (int i = 0; i < phases.length; i++) {
      String table =
          switch (phases[i]) {
            // The aggregate reads the charge modes, the caps in force and the month's traffic.
            case DURING_AGGREGATE ->
                List.of("charge_mode_change", "bandwidth_cap_change", "traffic_5m")
                    .get(random.nextInt(3));
            case DURING_LINES -> "month_bill_line";
            case DURING_STATEMENTS -> "month_statement";
            case DURING_RUN_RECORD -> "month_billing_run";
            // The files read the committed statements, then the lines.
            case DURING_FILES -> random.nextBoolean() ? "month_statement" : "month_bill_line";
          };
      // A line the run writes: one of the three the late data changes.
      points.add(new KillPoint(i + 1, phases[i], table, CHANGED.get(random.nextInt(3))));
    }
    return points;
  }

  @Autowired MonthlyBillingRun monthlyRun;

  private DataSource db;
  private Path work;
  private List<String> ids;
  private boolean lateData;

  /**
   * Six MONTHLY_95TH connections: four active all November (three with a month of shuffled points,
   * one without traffic), one from the 11th, one until the 20th; then a first run, and late data
   * that changes three of them for the run under test.
   */
  @BeforeEach
  void sixMonthlyConnectionsAndALineGate() {
    db = database().dataSource();
    work = Path.of("target", "bill-processes");
    dsl.execute(
        "SELECT traffic_ensure_partitions(?::date, ?::date)",
        NOVEMBER.start().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString(),
        NOVEMBER.end().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString());
    tariffs.load(
        List.of(
            new Tariff(
                null,
                "cn-mainland:cn-mainland",
                LocalDate.of(2026, 1, 1),
                TierModel.VOLUME,
                "CNY",
                List.of(
                    new TariffTier(BigDecimal.ZERO, new BigDecimal("500"), new BigDecimal("40.00")),
                    new TariffTier(new BigDecimal("500"), null, new BigDecimal("35.00"))),
                ChargeMode.MONTHLY_95TH)));
    Instant before = NOVEMBER.start().minus(Duration.ofDays(3));
    Instant eleventh = NOVEMBER.start().plus(Duration.ofDays(10));
    Instant twentieth = NOVEMBER.start().plus(Duration.ofDays(20));
    ids = new ArrayList<>();
    lateData = false;
    for (int i = 0; i < 4; i++) {
      ids.add(fixture.crossRegion(5000, before));
    }
    ids.add(fixture.crossRegion(5000, eleventh));
    ids.add(fixture.crossRegion(5000, before));
    fixture.delete(ids.get(5), twentieth);
    for (String id : ids) {
      monthly(id);
    }
    for (int i = 0; i < 3; i++) {
      shuffled(ids.get(i), NOVEMBER.start(), NOVEMBER.end(), 8640, i);
    }
    shuffled(ids.get(4), eleventh, NOVEMBER.end(), 5760, 3);
    shuffled(ids.get(5), NOVEMBER.start(), twentieth, 5760, 4);
    fixture.watermark(NOVEMBER.end().plus(Duration.ofHours(2)));
    // Inserting or updating the month line of a connection listed in kill_gate waits for the gate.
    dsl.execute("CREATE TABLE IF NOT EXISTS kill_gate (connection_id text)");
    dsl.execute("TRUNCATE kill_gate");
    dsl.execute(
        "CREATE OR REPLACE FUNCTION kill_gate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF EXISTS (SELECT 1 FROM kill_gate WHERE connection_id = NEW.connection_id) THEN"
            + " PERFORM pg_advisory_xact_lock_shared("
            + Gate.ADVISORY_SPACE
            + ", "
            + LINE_GATE
            + "); END IF; RETURN NEW; END $$");
    dsl.execute(
        "CREATE OR REPLACE TRIGGER month_bill_line_kill_gate BEFORE INSERT OR UPDATE ON"
            + " month_bill_line FOR EACH ROW EXECUTE FUNCTION kill_gate()");
  }

  @AfterEach
  void noGate() {
    dsl.execute("DROP TRIGGER IF EXISTS month_bill_line_kill_gate ON month_bill_line");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("killPoints")
  void monthBillKilledMidRunAndRunAgainLeavesExactlyTheBillsOfACleanRun_D13(KillPoint point)
      throws Exception {
    firstRunThenLateData();
    monthlyRun.bill(NOVEMBER, false);
    MonthOutcome expected = outcome();
    assertThat(expected.lines()).hasSize(CONNECTIONS);
    assertThat(expected.revisions()).hasSize(3);
    // The two CSV files and one page per payer account.
    assertThat(expected.files()).hasSize(2 + payers());
    int cleanRuns = runs();

    firstRunThenLateData();
    killAt(point);
    awaitFenceFree();
    Await.until("the killed run's transaction gone", () -> openTransactions() == 0, null);

    MonthReport again = monthlyRun.bill(NOVEMBER, false);
    assertThat(again.succeeded()).as(String.join("\n", again.describe())).isTrue();

    assertThat(outcome()).as(point.toString()).isEqualTo(expected);
    // Killed before its commit the run left no record; killed after it, its record stays.
    assertThat(runs()).isEqualTo(point.phase() == Phase.DURING_FILES ? cleanRuns + 1 : cleanRuns);
  }

  @Test
  void secondBillOfTheMonthWhileOneRunsIsRefusedInOneLine_D13() throws Exception {
    firstRunThenLateData();
    dsl.execute("INSERT INTO kill_gate VALUES (?)", ids.get(CHANGED.get(0)));
    BillProcess first;
    try (Gate gate = Gate.advisory(db, LINE_GATE)) {
      first = bill();
      Await.until("blocked at the gate", gate::blocksSomeone, first);
      BillProcess second = start();
      assertThat(second.waitFor()).isEqualTo(1);
      List<String> refusal = second.output().strip().lines().toList();
      assertThat(refusal).as(second.output()).hasSize(1);
      assertThat(refusal.get(0))
          .startsWith("peerbill: cannot bill 2026-11: it is being billed by another peerbill")
          .endsWith("; run bill --month again once that has finished");
    }
    assertThat(first.waitFor()).as(first.output()).isZero();
    dsl.execute("TRUNCATE kill_gate");
    MonthOutcome gated = outcome();
    firstRunThenLateData();
    monthlyRun.bill(NOVEMBER, false);
    assertThat(outcome()).isEqualTo(gated);
  }

  /** Starts {@code bill --month 2026-11} in its own JVM, lets it reach the point, kills it. */
  private void killAt(KillPoint point) throws Exception {
    switch (point.phase()) {
      case DURING_AGGREGATE, DURING_STATEMENTS, DURING_RUN_RECORD -> {
        try (Gate gate = Gate.onTable(db, point.table())) {
          killWhenBlocked(gate);
        }
      }
      case DURING_LINES -> {
        dsl.execute("INSERT INTO kill_gate VALUES (?)", ids.get(point.line()));
        try (Gate gate = Gate.advisory(db, LINE_GATE)) {
          killWhenBlocked(gate);
        }
        dsl.execute("TRUNCATE kill_gate");
      }
      case DURING_FILES -> {
        BillProcess run = bill();
        try (Gate record = Gate.onTable(db, "month_billing_run")) {
          Await.until("blocked at the run's record", record::blocksSomeone, run);
          // Queued behind the run's own lock on the table: granted as the run commits, before
          // the files' read of it, which then waits.
          try (Gate files = queuedGate(point.table(), record, run)) {
            Await.until("blocked writing the files", files::blocksSomeone, run);
            run.kill();
          }
        }
        assertThat(files()).as("killed before the files").isEmpty();
      }
    }
  }

  /**
   * A gate on {@code table} taken while the run holds the table: its request waits, then {@code
   * before} is opened and the run commits, and the gate holds the table when this returns.
   */
  private Gate queuedGate(String table, Gate before, BillProcess run) throws Exception {
    CompletableFuture<Gate> gate =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Gate.onTable(db, table);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until("the gate on " + table + " queued", () -> lockWaiting(table), run);
    before.close();
    return gate.get();
  }

  private void killWhenBlocked(Gate gate) throws Exception {
    BillProcess run = bill();
    try {
      Await.until("blocked at the gate", gate::blocksSomeone, run);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + gate.activity() + "\n" + run.threads(), e);
    } finally {
      run.kill();
    }
    // The gate opens when this returns; the killed run's transaction is never committed.
  }

  /** The first run of the month, then late samples raising three connections' top points. */
  private void firstRunThenLateData() throws Exception {
    forget();
    dsl.execute("TRUNCATE kill_gate");
    assertThat(monthlyRun.bill(NOVEMBER, false).succeeded()).isTrue();
    for (Path file : files().keySet().stream().map(properties.statementDir()::resolve).toList()) {
      Files.delete(file); // the run under test writes them again
    }
    dsl.execute(
        "UPDATE traffic_5m SET in_bytes = in_bytes + 3750000000 WHERE connection_id IN (?, ?, ?)"
            + " AND in_bytes > 30000000000",
        ids.get(0),
        ids.get(4),
        ids.get(5));
    lateData = true;
  }

  /** Back to before November was billed, its traffic as it came first. */
  private void forget() throws IOException {
    dsl.execute(
        "TRUNCATE month_statement, month_bill_line_revision, month_bill_line, month_billing_run");
    if (lateData) {
      dsl.execute(
          "UPDATE traffic_5m SET in_bytes = in_bytes - 3750000000 WHERE connection_id IN (?, ?, ?)"
              + " AND in_bytes > 33750000000",
          ids.get(0),
          ids.get(4),
          ids.get(5));
      lateData = false;
    }
    for (Path file : files().keySet().stream().map(properties.statementDir()::resolve).toList()) {
      Files.delete(file);
    }
  }

  private void monthly(String id) {
    dsl.insertInto(CHARGE_MODE_CHANGE)
        .set(CHARGE_MODE_CHANGE.CONNECTION_ID, id)
        .set(CHARGE_MODE_CHANGE.CHARGE_MODE, ChargeMode.MONTHLY_95TH.name())
        .set(CHARGE_MODE_CHANGE.EFFECTIVE_MONTH, NOVEMBER.month().atDay(1))
        .set(CHARGE_MODE_CHANGE.EFFECTIVE_FROM, NOVEMBER.start().atOffset(ZoneOffset.UTC))
        .set(CHARGE_MODE_CHANGE.ZONE, NOVEMBER.zone().getId())
        .set(CHARGE_MODE_CHANGE.ACTOR_ACCOUNT_ID, BillingFixture.REQUESTER)
        .execute();
  }

  /** A bucket every 5 minutes of [from, to), values 1..modulus × 18.75 MB shuffled by a seed. */
  private void shuffled(String id, Instant from, Instant to, int modulus, int seed) {
    dsl.execute(
        "INSERT INTO traffic_5m (connection_id, bucket_start, in_bytes, out_bytes, in_packets,"
            + " out_packets, in_dropped, out_dropped, sample_count)"
            + " SELECT ?, to_timestamp(?::bigint + i * 300),"
            + " ((i * 7919 + ?::bigint * 104729) % ?::bigint + 1) * 18750000, 37500000,"
            + " 0, 0, 0, 0, 1 FROM generate_series(0, (?::bigint - ?::bigint) / 300 - 1) i",
        id, from.getEpochSecond(), seed, modulus, to.getEpochSecond(), from.getEpochSecond());
  }

  private BillProcess bill() throws Exception {
    awaitFenceFree();
    return start();
  }

  private BillProcess start() throws Exception {
    return BillProcess.start(
        database(), properties.statementDir(), work, "bill", "--month", "2026-11");
  }

  /** A killed process's session ends when PostgreSQL reads its closed socket, a moment later. */
  private void awaitFenceFree() throws Exception {
    Await.until(
        "the killed run's fence released",
        () ->
            dsl.fetchSingle(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND classid = ?::oid AND objid = ?::oid AND objsubid = 2)",
                    Integer.toUnsignedLong(DayFence.MONTH_LOCK_SPACE),
                    Integer.toUnsignedLong(DayFence.key(NOVEMBER.month())))
                .get(0, Boolean.class),
        null);
  }

  private boolean lockWaiting(String table) {
    return dsl.fetchSingle(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND relation = ?::regclass)",
            table)
        .get(0, Boolean.class);
  }

  /** Client sessions of this database, other than this one, inside a transaction. */
  private int openTransactions() throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                    + " AND xact_start IS NOT NULL")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private int payers() {
    return dsl.fetchSingle(
            "SELECT count(DISTINCT payer_account_id) FROM month_bill_line WHERE bill_month = ?::date",
            NOVEMBER.month().atDay(1).toString())
        .get(0, Integer.class);
  }

  private int runs() {
    return dsl.fetchCount(dsl.selectFrom("month_billing_run"));
  }

  private MonthOutcome outcome() throws IOException {
    return new MonthOutcome(
        rows(
            "SELECT connection_id, zone, payer_account_id, pair_class, status, p95_mbps, cap_mbps,"
                + " billed_mbps, tariff_id, amount, currency, points, points_dropped,"
                + " billed_point_at, active_days, days_in_month, failure_reason, revision"
                + " FROM month_bill_line WHERE bill_month = ?::date ORDER BY connection_id"),
        rows(
            "SELECT connection_id, revision, zone, status, p95_mbps, cap_mbps, billed_mbps,"
                + " tariff_id, amount, currency, points, points_dropped, billed_point_at,"
                + " active_days, days_in_month, failure_reason, reason"
                + " FROM month_bill_line_revision WHERE bill_month = ?::date"
                + " ORDER BY connection_id, revision"),
        rows(
            "SELECT account_id, currency, line_count, failed_count, total, previous_total,"
                + " adjustment, revision FROM month_statement WHERE bill_month = ?::date"
                + " ORDER BY account_id, currency"),
        pagesOnRequest());
  }

  /**
   * The CSV files, and the pages {@code bills pages --month --all-accounts} renders after the runs
   * (as an operator asks for them): the killed run's leave them as a clean run's do.
   */
  private Map<String, String> pagesOnRequest() throws IOException {
    assertThat(
            BillProcess.inThisJvm(
                database(),
                properties.statementDir(),
                "bills",
                "pages",
                "--month",
                NOVEMBER.month().toString(),
                "--all-accounts"))
        .contains("statement page(s) of 2026-11 in " + properties.statementDir());
    return files();
  }

  private List<String> rows(String sql) {
    return dsl.fetch(sql, NOVEMBER.month().atDay(1).toString()).stream()
        .map(Record::intoList)
        .map(Object::toString)
        .toList();
  }

  /**
   * The month's statement files by name: the CSV files and any page (a half-written {@code .part}
   * is not one).
   */
  private Map<String, String> files() throws IOException {
    Map<String, String> files = new TreeMap<>();
    List<String> csv =
        List.of(
            MonthStatementFiles.statementName(NOVEMBER), MonthStatementFiles.linesName(NOVEMBER));
    try (var all = Files.list(properties.statementDir())) {
      for (Path file : all.toList()) {
        String name = file.getFileName().toString();
        if (csv.contains(name) || name.endsWith("-" + NOVEMBER.month() + ".html")) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return files;
  }

  /** What a monthly run leaves for its payers, without what differs between two equal runs. */
  record MonthOutcome(
      List<String> lines,
      List<String> revisions,
      List<String> statements,
      Map<String, String> files) {}
}
