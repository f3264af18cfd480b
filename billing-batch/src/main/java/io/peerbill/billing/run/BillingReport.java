package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a billing run did for one day: the job's outcome, the day's lines by status, totals per
 * currency, and every failed line with its reason.
 */
public record BillingReport(
    BillingDay day,
    long jobExecutionId,
    String batchStatus,
    String exitCode,
    String exitDescription,
    Map<LineStatus, Integer> linesByStatus,
    Map<String, BigDecimal> totalByCurrency,
    List<BillLine> failedLines) {

  public boolean succeeded() {
    return "COMPLETED".equals(exitCode);
  }

  static BillingReport of(
      BillingDay day,
      long jobExecutionId,
      String batchStatus,
      String exitCode,
      String exitDescription,
      List<BillLine> lines) {
    Map<LineStatus, Integer> byStatus = new EnumMap<>(LineStatus.class);
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (BillLine line : lines) {
      byStatus.merge(line.status(), 1, Integer::sum);
      totals.merge(line.currency(), line.amount(), BigDecimal::add);
    }
    List<BillLine> failed = lines.stream().filter(l -> l.status() == LineStatus.FAILED).toList();
    return new BillingReport(
        day, jobExecutionId, batchStatus, exitCode, exitDescription, byStatus, totals, failed);
  }

  /** One line per fact, for the CLI and the service log. */
  public List<String> describe() {
    List<String> out = new java.util.ArrayList<>();
    out.add(
        "billing day "
            + day
            + ": "
            + exitCode
            + (exitDescription == null || exitDescription.isBlank()
                ? ""
                : " (" + oneLine(exitDescription) + ")")
            + ", job execution "
            + jobExecutionId);
    out.add(
        "lines: "
            + (linesByStatus.isEmpty()
                ? "none (no connection was active that day)"
                : String.join(
                    ", ",
                    linesByStatus.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .toList())));
    totalByCurrency.forEach(
        (currency, total) -> out.add("total " + currency + ": " + total.toPlainString()));
    for (BillLine line : failedLines) {
      out.add("FAILED " + line.connectionId() + ": " + line.failureReason());
    }
    return out;
  }

  private static String oneLine(String text) {
    String first = text.strip().split("\\R", 2)[0];
    return first.length() > 200 ? first.substring(0, 200) + "..." : first;
  }
}
