package io.peerbill.billing.run;

import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code bill --date D} in a JVM of its own, killed with SIGKILL at five points of the run drawn at
 * random (printed with their seed; {@code -Dpeerbill.kill.seed=N} draws them again): one during
 * staging, one during the lines, one during the statements and two more of these three, each at a
 * random position of its phase (the table a staging query waits for, the line whose write waits). A
 * gate the test holds stops the run there; then {@code bill --date D} again: the lines, revisions,
 * statements and statement files (the CSV, and the HTML pages rendered on request after the run, as
 * {@code bills pages} does) are those of a clean run, and no execution is left STARTED.
 */
class BillKilledMidRunTest extends BillingTestBase {

  static final int LINE_GATE = 1;
  static final int CONNECTIONS = 7;
  static final long SEED = Long.getLong("peerbill.kill.seed", System.nanoTime());

  enum Phase {
    DURING_STAGING,
    DURING_LINES,
    DURING_STATEMENTS
  }

  /** Where a run is killed: a phase, and in it a table staging waits for or a line's index. */
  record KillPoint(int kill, Phase phase, String table, int line) {
    @Override
    public String toString() {
      String at =
          phase == Phase.DURING_LINES
              ? "writing the line of connection " + (line + 1) + " of " + CONNECTIONS
              : "waiting for " + table;
      return "kill " + kill + " of seed " + SEED + ": " + phase + ", " + at;
    }
  }

  /** The five kill points of this run, drawn from {@link #SEED}. */
  static List<KillPoint> killPoints() {
    Random random = new Random(SEED);
    System.out.println("BillKilledMidRunTest: kill points drawn with -Dpeerbill.kill.seed=" + SEED);
    Phase[] phases = {
      Phase.DURING_STAGING,
      Phase.DURING_LINES,
      Phase.DURING_STATEMENTS,
      Phase.values()[random.nextInt(3)],
      Phase.values()[random.nextInt(3)]
    };
    List<KillPoint> points = new java.util.ArrayList<>();
    for (int i = 0; i < phases.length; i++) {
      String table =
          switch (phases[i]) {
            // The staging query reads the caps in force and the day's traffic.
            case DURING_STAGING -> random.nextBoolean() ? "bandwidth_cap_change" : "traffic_5m";
            case DURING_STATEMENTS -> "bill_statement";
            case DURING_LINES -> "bill_line";
          };
      points.add(new KillPoint(i + 1, phases[i], table, random.nextInt(CONNECTIONS)));
    }
    return points;
  }

  @Autowired DayExecutions executions;

  private DataSource db;
  private Path work;
  private List<String> ids;

  @BeforeEach
  void sevenConnectionsAndALineGate() throws IOException {
    db = database().dataSource();
    work = Path.of("target", "bill-processes");
    ids = sevenConnections(DAY, DAY_START);
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
    // Inserting or updating the line of a connection listed in kill_gate waits for the gate.
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
        "CREATE OR REPLACE TRIGGER bill_line_kill_gate BEFORE INSERT OR UPDATE ON bill_line"
            + " FOR EACH ROW EXECUTE FUNCTION kill_gate()");
  }

  @AfterEach
  void noGate() {
    dsl.execute("DROP TRIGGER IF EXISTS bill_line_kill_gate ON bill_line");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("killPoints")
  void billKilledMidRunAndRunAgainLeavesExactlyTheBillsOfACleanRun(KillPoint point)
      throws Exception {
    forgetBilling(); // and other tests' statement files of the day, in the shared folder
    BillingReport clean = billingRun.bill(new BillingDay(DAY, SHANGHAI), false);
    assertThat(clean.succeeded()).isTrue();
    BillingOutcome expected = outcome();
    assertThat(expected.lines()).hasSize(7);
    assertThat(expected.files()).containsKeys("statements-2026-11-25.csv");
    assertThat(expected.files().keySet()).anyMatch(name -> name.endsWith(".html"));
    forgetBilling();

    killAt(point);
    assertThat(running()).as("the killed run is left running").isNotEmpty();

    // bill again: in this JVM, the same BillingRun as the CLI's (one JVM start per kill).
    awaitFenceFree();
    BillingReport again = billingRun.bill(new BillingDay(DAY, SHANGHAI), false);
    assertThat(again.succeeded()).as(String.join("\n", again.describe())).isTrue();
    assertThat(again.describe().get(0))
        .startsWith("recovered job execution ")
        .contains("ended without recording its end")
        .contains("(its process was killed or lost its database)");

    assertThat(outcome()).as(point.toString()).isEqualTo(expected);
    assertThat(running()).isEmpty();
    assertThat(
            dsl.fetch(
                    "SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED'"
                        + " AND end_time IS NOT NULL AND exit_message LIKE 'recovered: %'")
                .get(0)
                .get(0, Integer.class))
        .isEqualTo(1);
    // What bills show --date D lists.
    assertThat(executions.recovered(DAY)).hasSize(1);
  }

  /** Starts {@code bill --date D} in its own JVM, lets it reach the point, kills it. */
  private void killAt(KillPoint point) throws Exception {
    switch (point.phase()) {
      case DURING_STAGING -> {
        try (Gate gate = Gate.onTable(db, point.table())) {
          killWhenBlocked(gate);
        }
        assertThat(lines.linesOf(DAY, null)).as("killed before any line").isEmpty();
      }
      case DURING_LINES -> {
        dsl.execute("INSERT INTO kill_gate VALUES (?)", ids.get(point.line()));
        try (Gate gate = Gate.advisory(db, LINE_GATE)) {
          killWhenBlocked(gate);
        }
        assertThat(lines.linesOf(DAY, null).size())
            .as("whole chunks of 2 committed, the gated line's not")
            .isEven()
            .isLessThan(CONNECTIONS);
      }
      case DURING_STATEMENTS -> {
        try (Gate gate = Gate.onTable(db, point.table())) {
          killWhenBlocked(gate);
        }
        assertThat(lines.linesOf(DAY, null)).hasSize(CONNECTIONS);
      }
    }
  }

  private void killWhenBlocked(Gate gate) throws Exception {
    BillProcess run = bill("bill", "--date", DAY.toString());
    try {
      Await.until("blocked at the gate", gate::blocksSomeone, run);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + gate.activity() + "\n" + run.threads(), e);
    } finally {
      run.kill();
    }
    // The gate opens when this returns; the killed run's transaction is never committed.
  }

  /** A killed process's session ends when PostgreSQL reads its closed socket, a moment later. */
  private void awaitFenceFree() throws Exception {
    Await.until(
        "the killed run's fence released",
        () ->
            dsl.fetch(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND classid = ?::oid AND objid = ?::oid AND objsubid = 2)",
                    Integer.toUnsignedLong(DayFence.LOCK_SPACE),
                    Integer.toUnsignedLong(DayFence.key(DAY)))
                .get(0)
                .get(0, Boolean.class),
        null);
  }

  private BillProcess bill(String... args) throws Exception {
    if (args[0].equals("bill")) {
      awaitFenceFree();
    }
    return BillProcess.start(database(), properties.statementDir(), work, args);
  }

  private List<JobExecution> running() {
    return executions.running(DAY);
  }

  private BillingOutcome outcome() throws Exception {
    return BillingOutcome.of(dsl, DAY, properties.statementDir(), this::renderPages);
  }

  private void forgetBilling() throws IOException {
    BillingOutcome.forget(dsl, DAY, properties.statementDir());
  }
}
