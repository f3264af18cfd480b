package io.peerbill.alerting.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerbill.alerting.AlertHistoryRepository;
import io.peerbill.alerting.AlertSummary;
import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.db.Database;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./peerbill alerts list}: current and past alerts, one row per (policy, connection); {@code
 * alerts deliver}: the webhook delivery worker.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Alerts raised by alert policies, and the delivery of their webhooks.",
    subcommands = {AlertsCommand.ListAlerts.class, DeliverCommand.class})
public final class AlertsCommand {

  private final Supplier<Database> database;

  public AlertsCommand() {
    this(Database::open);
  }

  public AlertsCommand(Supplier<Database> database) {
    this.database = database;
  }

  Supplier<Database> database() {
    return database;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List alerts, newest first: the last notice of each (policy, connection).")
  static final class ListAlerts implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand AlertsCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--state", description = "firing (still on) or resolved.")
    String state;

    @Option(names = "--account", description = "Only this account's alerts.")
    String account;

    @Option(names = "--all-accounts", description = "Every account's alerts (an operator's view).")
    boolean allAccounts;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      // The CLI is the operator's tool: one account's alerts unless every account is asked for.
      if (account == null && !allAccounts) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "give --account ACCOUNT, or --all-accounts for every account");
      }
      boolean firingOnly = state != null && parseState(state);
      List<AlertSummary> alerts;
      try (Database db = parent.database.get()) {
        alerts = new AlertHistoryRepository(db.dsl()).list(account, firingOnly);
      }
      if (state != null && !firingOnly) {
        alerts = alerts.stream().filter(a -> !a.firing()).toList();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        json(out, alerts);
      } else {
        table(out, alerts);
      }
      return 0;
    }

    private static boolean parseState(String text) {
      return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "firing" -> true;
        case "resolved" -> false;
        default ->
            throw new InvalidAlertPolicyException(
                "--state must be firing or resolved, got '" + text + "'");
      };
    }

    private static void table(PrintWriter out, List<AlertSummary> alerts) {
      TextTable t =
          new TextTable(
              "STATE",
              "POLICY",
              "ACCOUNT",
              "CONNECTION",
              "CONDITION",
              "VALUE",
              "SEVERITY",
              "FIRED",
              "LAST",
              "NOTICES");
      for (AlertSummary a : alerts) {
        t.row(
            a.firing() ? "FIRING" : "RESOLVED",
            a.policyId() + " " + a.policyName(),
            a.accountId(),
            a.connectionId(),
            a.metric().vendorName()
                + " "
                + a.comparison().symbol()
                + " "
                + a.threshold().stripTrailingZeros().toPlainString(),
            value(a),
            a.severity().label(),
            a.firedAt(),
            a.lastWindowEnd(),
            a.notices());
      }
      t.print(out);
    }

    private static void json(PrintWriter out, List<AlertSummary> alerts) {
      ArrayNode array = PolicyPrinter.JSON.createArrayNode();
      for (AlertSummary a : alerts) {
        ObjectNode n = array.addObject();
        n.put("state", a.firing() ? "FIRING" : "RESOLVED");
        n.put("last_notice", a.lastState().name());
        n.put("policy_id", a.policyId());
        n.put("policy_name", a.policyName());
        n.put("account_id", a.accountId());
        n.put("connection_id", a.connectionId());
        n.put("metric", a.metric().vendorName());
        n.put("comparator", a.comparison().symbol());
        n.put("threshold", a.threshold());
        n.put("value", value(a));
        n.put("severity", a.severity().label());
        n.put("fired_at", a.firedAt() == null ? null : a.firedAt().toString());
        n.put("last_window_end", a.lastWindowEnd().toString());
        n.put("notices", a.notices());
      }
      PolicyPrinter.print(out, array);
    }

    private static BigDecimal value(AlertSummary a) {
      return BigDecimal.valueOf(a.lastValue()).setScale(3, RoundingMode.HALF_UP);
    }
  }
}
