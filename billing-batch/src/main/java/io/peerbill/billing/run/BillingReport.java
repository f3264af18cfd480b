package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a billing run did for one day: the runs of the date it recovered (left unfinished), the
 * job's outcome, the day's lines by status, totals per currency, every failed line with its reason,
 * and how to get the statement pages (rendered on request, not by the run).
 */
public record BillingReport(
    BillingDay day,
    List<RecoveredRun> recovered,
    long jobExecutionId,
    String batchStatus,
    String exitCode,
    String exitDescription,
    Map<LineStatus, Integer> linesByStatus,
    Map<String, BigDecimal> totalByCurrency,
    List<BillLine> failedLines) {

  /** Billed without failed lines. */
  public boolean succeeded() {
    return "COMPLETED".equals(exitCode);
  }

  static BillingReport of(
      BillingDay day,
      List<RecoveredRun> recovered,
      long jobExecutionId,
      String batchStatus,
      String exitCode,
      String exitDescription,
      DayTally tally) {
    return new BillingReport(
        day,
        List.copyOf(recovered),
        jobExecutionId,
        batchStatus,
        exitCode,
        exitDescription,
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
    ReportLines.addSummary(
        out, "lines", "none (no connection was active that day)", linesByStatus, totalByCurrency);
    for (BillLine line : failedLines) {
      out.add("FAILED " + line.connectionId() + ": " + line.failureReason());
    }
    if ("COMPLETED".equals(batchStatus) && !linesByStatus.isEmpty()) {
      out.add(pagesOnRequest());
    }
    return out;
  }

  /** Statement pages are rendered on request, not by the run: where to ask for them. */
  private String pagesOnRequest() {
    return "statement pages on request: peerbill bills pages --date "
        + day.date()
        + " --all-accounts (or --account ACCOUNT), or GET /v1/statements/"
        + day.date()
        + "/html";
  }

  private static String oneLine(String text) {
    String first = text.strip().split("\\R", 2)[0];
    return first.length() > 200 ? first.substring(0, 200) + "..." : first;
  }
}
