package io.peerbill.alerting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.Severity;
import io.peerbill.db.Database;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code alert-policy} and {@code alerts} as a user types them, against a real database. */
@ExtendWith(PostgresExtension.class)
class AlertCommandsTest {

  record Result(int exit, String out, String err) {}

  private Supplier<Database> database;
  private TestDatabase db;
  private AlertFixtures.Connections peered;
  private String[] create;

  @BeforeEach
  void setUp(TestDatabase db) {
    this.db = db;
    peered = AlertFixtures.lifecycle(db.dsl());
    create = createCommand(peered.cross());
    database = () -> Database.open(db.config());
  }

  private Result run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    // What the launcher's OneLineErrors does: the message, one line.
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("peerbill: " + e.getMessage());
          return 1;
        });
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private Result policy(String... args) {
    return run(new AlertPolicyCommand(database), args);
  }

  private static String[] createCommand(String cross) {
    return new String[] {
      "create",
      "--as",
      "alice",
      "--name",
      "busy",
      "--metric",
      "InBandwidth",
      "--comparator",
      ">=",
      "--threshold",
      "80.5",
      "--period",
      "5m",
      "--periods",
      "3",
      "--severity",
      "serious",
      "--connection",
      cross,
      "--repeat",
      "10m",
      "--exponential",
      "--webhook-url",
      "https://hooks.example.test/x",
      "--webhook-secret",
      "0123456789abcdef"
    };
  }

  @Test
  void createShowListUpdateDisableDelete_D11() throws Exception {
    Result created = policy(create);
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("name:               busy")
        .contains("condition:          InBandwidth >= 80.5 Mbps")
        .contains("period:             5m x3")
        .contains("severity:           serious")
        .contains("repeat:             10m (exponential)")
        .contains("webhook secret:     (hidden)")
        .doesNotContain("0123456789abcdef");
    String id = created.out().lines().findFirst().orElseThrow().replace("id:", "").strip();

    Result list = policy("list", "--as", "alice");
    assertThat(list.out().lines())
        .containsExactly(
            "ID  NAME  CONDITION                 PERIOD  SEVERITY  SCOPE         REPEAT             ENABLED",
            id
                + "   busy  InBandwidth >= 80.5 Mbps  5m x3   serious   "
                + peered.cross()
                + "  10m (exponential)  yes");

    Result updated =
        policy("update", id, "--as", "alice", "--threshold", "90", "--repeat", "none", "--json");
    assertThat(updated.exit()).as(updated.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(updated.out());
    assertThat(json.get("threshold").decimalValue()).isEqualByComparingTo("90");
    assertThat(json.get("repeat_interval").asText()).isEqualTo("none");
    assertThat(json.get("repeat_exponential").asBoolean()).isFalse();
    assertThat(json.get("period_seconds").asInt()).as("unchanged").isEqualTo(300);
    assertThat(json.has("webhook_secret")).isFalse();

    assertThat(policy("disable", id, "--as", "alice").out()).contains("enabled:            no");
    assertThat(policy("enable", id, "--as", "alice").out()).contains("enabled:            yes");
    assertThat(policy("delete", id, "--as", "alice").out())
        .isEqualTo("deleted alert policy " + id + "\n");
    assertThat(policy("list", "--as", "alice", "--json").out().strip()).isEqualTo("[ ]");
  }

  @Test
  void errorsAreOneLineWithANonZeroExit_D11() {
    String[] sameRegionRate = create.clone();
    sameRegionRate[6] = "InbandRate";
    sameRegionRate[18] = peered.same();
    Result r = policy(sameRegionRate);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "peerbill: InbandRate is a share of the bandwidth cap and applies to cross-region"
                + " connections only; "
                + peered.same()
                + " is same-region (no cap)\n");

    Result noAccount = policy("list");
    assertThat(noAccount.err())
        .isEqualTo("peerbill: no acting account: give --as ACCOUNT or set PEERBILL_ACCOUNT\n");
    Result other = policy("show", "99", "--as", "bob");
    assertThat(other.err()).isEqualTo("peerbill: no alert policy 99 for account bob\n");
    Result missing = policy("create", "--as", "alice", "--name", "x");
    assertThat(missing.err()).isEqualTo("peerbill: missing --metric\n");
    Result badNumber = policy("update", "1", "--as", "alice", "--threshold", "lots");
    assertThat(badNumber.exit()).isEqualTo(1);
  }

  @Test
  void alertsListShowsEachAlertsLastNotice_D11() {
    assertThat(policy(create).exit()).isZero();
    long policyId = 1;
    Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
    AlertEventRepository events = new AlertEventRepository(db.dsl());
    events.record(event(policyId, peered.cross(), AlertEventState.FIRING, t0, 95));
    events.record(
        event(policyId, peered.cross(), AlertEventState.RESOLVED, t0.plusSeconds(300), 10));
    events.record(event(policyId, peered.same(), AlertEventState.FIRING, t0.plusSeconds(600), 99));

    Result unscoped = run(new AlertsCommand(database), "list");
    assertThat(unscoped.exit()).isNotZero(); // issue 14: one account unless all are asked for
    assertThat(unscoped.err()).contains("--all-accounts");
    Result all = run(new AlertsCommand(database), "list", "--all-accounts");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out().lines().skip(1).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[4]))
        .containsExactly("FIRING " + peered.same(), "RESOLVED " + peered.cross());

    Result firing =
        run(new AlertsCommand(database), "list", "--all-accounts", "--state", "firing", "--json");
    assertThat(firing.out())
        .contains("\"connection_id\" : \"" + peered.same() + "\"")
        .doesNotContain(peered.cross());
    assertThat(run(new AlertsCommand(database), "list", "--account", "bob").out().lines())
        .hasSize(1);
    assertThat(run(new AlertsCommand(database), "list", "--all-accounts", "--state", "gone").err())
        .isEqualTo("peerbill: --state must be firing or resolved, got 'gone'\n");
  }

  private static AlertEvent event(
      long policyId, String connection, AlertEventState state, Instant start, double value) {
    Instant end = start.plusSeconds(300);
    return new AlertEvent(
        AlertEvent.idOf(policyId, connection, start, end),
        policyId,
        1,
        "alice",
        connection,
        state,
        AlertMetric.IN_BANDWIDTH,
        Comparison.GE,
        new BigDecimal("80.5"),
        value,
        Severity.SERIOUS,
        start,
        end,
        true);
  }
}
