package io.peerbill.billing.month;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.run.ReportLines;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a monthly run did (D13): its lines by status, how many were new or changed and removed,
 * totals per currency, every failed line with its reason, and how to get the statement pages
 * (rendered on request, not by the run: charting reads the whole month's points again).
 */
public record MonthReport(
    BillingMonth month,
    Map<MonthLineStatus, Integer> linesByStatus,
    int changed,
    int removed,
    Map<String, BigDecimal> totalByCurrency,
    List<MonthLine> failedLines) {

  public boolean succeeded() {
    return failedLines.isEmpty();
  }

  /** One line per fact, for the CLI and the service log. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(
        "billing month "
            + month
            + ": "
            + (succeeded() ? "COMPLETED" : "COMPLETED_WITH_FAILED_LINES")
            + ", "
            + changed
            + " line(s) new or changed, "
            + removed
            + " removed");
    ReportLines.addSummary(
        out,
        "month lines",
        "none (no MONTHLY_95TH connection was active that month)",
        linesByStatus,
        totalByCurrency);
    for (MonthLine line : failedLines) {
      out.add("FAILED " + line.connectionId() + ": " + line.failureReason());
    }
    if (!linesByStatus.isEmpty()) {
      out.add(
          "statement pages on request: peerbill bills pages --month "
              + month.month()
              + " --all-accounts (or --account ACCOUNT)");
    }
    return out;
  }
}
