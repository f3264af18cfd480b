package io.peerbill.alerting.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.RepeatSchedule;
import java.io.PrintWriter;
import java.util.List;

/** Prints policies as a table, as key-value lines, or as JSON. The secret is never printed. */
final class PolicyPrinter {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String HIDDEN = "(hidden)";

  private PolicyPrinter() {}

  static void table(PrintWriter out, List<AlertPolicy> policies) {
    TextTable table =
        new TextTable(
            "ID", "NAME", "CONDITION", "PERIOD", "SEVERITY", "SCOPE", "REPEAT", "ENABLED");
    for (AlertPolicy p : policies) {
      AlertPolicySpec s = p.spec();
      table.row(
          p.id(),
          s.name(),
          condition(s),
          period(s),
          s.severity().label(),
          scope(s),
          s.repeat(),
          p.enabled() ? "yes" : "no");
    }
    table.print(out);
  }

  static void details(PrintWriter out, AlertPolicy p) {
    AlertPolicySpec s = p.spec();
    out.println("id:                 " + p.id());
    out.println("name:               " + s.name());
    out.println("account:            " + p.accountId());
    out.println("enabled:            " + (p.enabled() ? "yes" : "no"));
    out.println("condition:          " + condition(s));
    out.println("period:             " + period(s));
    out.println("severity:           " + s.severity().label());
    out.println("scope:              " + scope(s));
    out.println("repeat:             " + s.repeat());
    out.println("notify on recovery: " + (s.notifyOnRecovery() ? "yes" : "no"));
    out.println("webhook:            " + s.webhookUrl());
    out.println("webhook secret:     " + HIDDEN);
    out.println("revision:           " + p.revision());
    out.flush();
  }

  static void json(PrintWriter out, List<AlertPolicy> policies) {
    ArrayNode array = JSON.createArrayNode();
    policies.forEach(p -> array.add(node(p)));
    print(out, array);
  }

  static void json(PrintWriter out, AlertPolicy p) {
    print(out, node(p));
  }

  static void print(PrintWriter out, Object node) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    out.flush();
  }

  private static ObjectNode node(AlertPolicy p) {
    AlertPolicySpec s = p.spec();
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.id());
    n.put("revision", p.revision());
    n.put("account_id", p.accountId());
    n.put("name", s.name());
    n.put("enabled", p.enabled());
    n.put("metric", s.metric().vendorName());
    n.put("unit", s.metric().unit());
    n.put("comparator", s.comparison().symbol());
    n.put("threshold", s.threshold());
    n.put("period_seconds", s.period().seconds());
    n.put("consecutive_periods", s.consecutivePeriods());
    n.put("severity", s.severity().label());
    n.put("connection_id", s.connectionId());
    n.put("all_connections", s.allConnections());
    n.put("repeat_interval", RepeatSchedule.describe(s.repeat().intervalSeconds()));
    n.put("repeat_exponential", s.repeat().exponential());
    n.put("notify_on_recovery", s.notifyOnRecovery());
    n.put("webhook_url", s.webhookUrl());
    return n;
  }

  static String condition(AlertPolicySpec s) {
    return s.metric().vendorName()
        + " "
        + s.comparison().symbol()
        + " "
        + s.threshold().stripTrailingZeros().toPlainString()
        + " "
        + s.metric().unit();
  }

  private static String period(AlertPolicySpec s) {
    return s.period().seconds() / 60 + "m x" + s.consecutivePeriods();
  }

  private static String scope(AlertPolicySpec s) {
    return s.allConnections() ? "all connections" : s.connectionId();
  }
}
