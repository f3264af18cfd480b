package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a billing run did for one day: the runs of the date it recovered (their process had died),
 * the job's outcome, the day's lines by status, totals per currency, and every failed line with its
 * reason.
 */
public record BillingReport(
    BillingDay day,
    List<RecoveredRun> recovered,
    long jobExecutionId,
    String batchStatus,
    String exitCode,
    String exitDescription,
    StatementPages pages,
    Map<LineStatus, Integer> linesByStatus,
    Map<String, BigDecimal> totalByCurrency,
    List<BillLine> failedLines) {

  /** Billed without failed lines, and the statement pages rendered. */
  public boolean succeeded() {
    return "COMPLETED".equals(exitCode) && pages != null && pages.completed();
  }

  static BillingReport of(
      BillingDay day,
      List<RecoveredRun> recovered,
      long jobExecutionId,
      String batchStatus,
      String exitCode,
      String exitDescription,
      StatementPages pages,
      DayTally tally) {
    return new BillingReport(
        day,
        List.copyOf(recovered),
        jobExecutionId,
        batchStatus,
        exitCode,
        exitDescription,
        pages,
        tally.byStatus(day.date()),
        tally.totalByCurrency(day.date()),
        tally.failed(day.date()));
  }

  /** One line per fact, for the CLI and the service log. */
  public List<String> describe() {
    List<String> out = new java.util.ArrayList<>();
    recovered.forEach(run -> out.add(run.describe()));
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
    if (pages != null) {
      out.add(pages.describe());
    }
    return out;
  }

  private static String oneLine(String text) {
    String first = text.strip().split("\\R", 2)[0];
    return first.length() > 200 ? first.substring(0, 200) + "..." : first;
  }
}
