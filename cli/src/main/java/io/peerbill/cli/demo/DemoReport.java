package io.peerbill.cli.demo;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.statement.Statement;
import io.peerbill.metering.MeteringRunSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the demo prints at the end: bills, alerts, rejected input, and where the files are. */
final class DemoReport {

  private static final Map<String, String> ACCOUNT_NAMES =
      Map.of(
          DemoWorld.ACME, "Acme Retail",
          DemoWorld.GLOBEX, "Globex Logistics",
          DemoWorld.INITECH, "Initech Games");

  private final PrintWriter out;

  DemoReport(PrintWriter out) {
    this.out = out;
  }

  void print(DemoResult r) {
    Map<String, String> names = new HashMap<>();
    r.connectionIds().forEach((name, id) -> names.put(id, name));

    out.println();
    out.println("== Bills for " + r.billing().day() + " ==");
    r.billing().describe().forEach(line -> out.println("  " + line));
    for (Statement s : r.statements()) {
      out.printf(
          "%n  %s (%s): %d line(s), total %s %s%s%n",
          ACCOUNT_NAMES.getOrDefault(s.accountId(), s.accountId()),
          s.accountId(),
          s.lineCount(),
          s.total().toPlainString(),
          s.currency(),
          s.adjustment() != null && s.adjustment().signum() != 0
              ? " (adjustment " + s.adjustment().toPlainString() + ")"
              : "");
      for (BillLine line : byName(r.lines(), names)) {
        if (line.payerAccountId().equals(s.accountId())) {
          out.println("    " + describe(line, names.getOrDefault(line.connectionId(), "")));
        }
      }
    }

    out.println();
    out.println("== Alerts (window ends in " + r.billing().day().zone().getId() + ") ==");
    if (r.alerts().isEmpty()) {
      out.println("  none fired");
    }
    DateTimeFormatter local =
        DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(r.billing().day().zone());
    for (DemoResult.AlertRow a : r.alerts()) {
      out.printf(
          "  %-8s %-22s %-20s window ending %s  value %.1f%n",
          a.state(),
          a.policy(),
          names.getOrDefault(a.connectionId(), a.connectionId()),
          local.format(Instant.parse(a.windowEnd())),
          a.value());
    }
    long valid = r.notices().stream().filter(WebhookInbox.Notice::signatureValid).count();
    out.printf(
        "  webhook receiver got %d notice(s) this run, %d with a valid signature%s%n",
        r.notices().size(),
        valid,
        r.notices().size() < r.alerts().size()
            ? " (events notified by an earlier run are never sent again)"
            : "");

    out.println();
    out.println("== Input ==");
    MeteringRunSummary m = r.metering();
    out.printf(
        "  %d lines: %d accepted, %d duplicates, %d rejected; %d arrived after the allowed"
            + " lateness%n",
        m.input(), m.accepted(), m.duplicates(), m.rejectedTotal(), m.late());
    new TreeMap<>(m.rejected())
        .forEach(
            (reason, count) -> {
              if (count > 0) {
                out.printf("    %-20s %d%n", reason, count);
              }
            });

    out.println();
    out.println("== Files ==");
    out.println("  statements: " + r.statementDir());
    out.println(
        "  pages:      "
            + r.pages().size()
            + " HTML statement page(s) there, rendered after billing as bills pages does");
    out.println("  samples:    " + r.samples());
    out.flush();
  }

  private static String describe(BillLine l, String name) {
    String money =
        l.amount() == null ? "-" : l.amount().toPlainString() + " " + nullToDash(l.currency());
    return String.format(
        "%-20s %-14s %-8s peak %9s Mbps  cap %5s  billed %8s Mbps  %14s  coverage %s%s",
        name,
        l.connectionId(),
        l.status(),
        l.peakMbps() == null ? "-" : l.peakMbps().setScale(2, java.math.RoundingMode.HALF_UP),
        l.capMbps() == null ? "-" : l.capMbps(),
        l.billedMbps() == null ? "-" : l.billedMbps().toPlainString(),
        money,
        l.coverage(),
        l.failureReason() == null ? "" : "  (" + l.failureReason() + ")");
  }

  private static List<BillLine> byName(List<BillLine> lines, Map<String, String> names) {
    return lines.stream()
        .sorted(Comparator.comparing(l -> names.getOrDefault(l.connectionId(), l.connectionId())))
        .toList();
  }

  private static String nullToDash(String s) {
    return s == null ? "-" : s;
  }
}
