package io.peerbill.api.operator;

import io.peerbill.api.error.ApiError;
import io.peerbill.api.error.ApiErrors;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.run.BillingReport;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One day (or the month of a monthly run) of a billing run: QUEUED, RUNNING, then COMPLETED or
 * FAILED with the job execution, its exit code and a one-line reason (with the code of a refusal,
 * e.g. DAY_BEING_BILLED), or SKIPPED when an earlier day of the range failed. {@code report} holds
 * the lines {@code peerbill bill} prints for it.
 */
public record RunPeriod(
    String period,
    String status,
    Long jobExecutionId,
    String exitCode,
    String code,
    String reason,
    Map<String, Integer> linesByStatus,
    Map<String, String> totalByCurrency,
    List<FailedLine> failedLines,
    List<String> report,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {

  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String SKIPPED = "SKIPPED";

  public record FailedLine(String connectionId, String reason) {}

  static RunPeriod queued(String period) {
    return new RunPeriod(
        period, QUEUED, null, null, null, null, Map.of(), Map.of(), List.of(), List.of(), null,
        null);
  }

  RunPeriod running(OffsetDateTime at) {
    return new RunPeriod(
        period, RUNNING, null, null, null, null, Map.of(), Map.of(), List.of(), List.of(), at,
        null);
  }

  RunPeriod skipped(String after, OffsetDateTime at) {
    return new RunPeriod(
        period,
        SKIPPED,
        null,
        null,
        null,
        "not billed: " + after + " failed first (later days wait for it; a new run resumes it)",
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        null,
        at);
  }

  RunPeriod billed(BillingReport r, OffsetDateTime at) {
    String reason = null;
    if (!r.succeeded()) {
      String description = r.exitDescription();
      reason =
          description != null && !description.isBlank()
              ? ApiErrors.oneLine(description.strip().split("\\R", 2)[0])
              : r.failedLines().isEmpty()
                  ? "see report"
                  : r.failedLines().size() + " line(s) could not be priced";
    }
    return new RunPeriod(
        period,
        "FAILED".equals(r.batchStatus()) ? FAILED : COMPLETED,
        r.jobExecutionId(),
        r.exitCode(),
        null,
        reason,
        counts(r.linesByStatus()),
        totals(r.totalByCurrency()),
        r.failedLines().stream()
            .map((BillLine l) -> new FailedLine(l.connectionId(), l.failureReason()))
            .toList(),
        r.describe(),
        startedAt,
        at);
  }

  RunPeriod billed(MonthReport r, OffsetDateTime at) {
    return new RunPeriod(
        period,
        COMPLETED,
        null,
        r.succeeded() ? "COMPLETED" : "COMPLETED_WITH_FAILED_LINES",
        null,
        r.succeeded() ? null : r.failedLines().size() + " line(s) could not be priced",
        counts(r.linesByStatus()),
        totals(r.totalByCurrency()),
        r.failedLines().stream()
            .map((MonthLine l) -> new FailedLine(l.connectionId(), l.failureReason()))
            .toList(),
        r.describe(),
        startedAt,
        at);
  }

  /** Refused (the code the API answers a request with) or failed without a report. */
  RunPeriod failed(Exception e, OffsetDateTime at) {
    ApiError refusal = ApiErrors.billingRefusal(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new RunPeriod(
        period,
        FAILED,
        null,
        null,
        refusal == null ? "INTERNAL" : refusal.code(),
        ApiErrors.oneLine(message),
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        startedAt,
        at);
  }

  boolean done() {
    return !status.equals(QUEUED) && !status.equals(RUNNING);
  }

  private static Map<String, Integer> counts(Map<?, Integer> byStatus) {
    Map<String, Integer> counts = new TreeMap<>();
    byStatus.forEach((status, n) -> counts.put(status.toString(), n));
    return counts;
  }

  private static Map<String, String> totals(Map<String, BigDecimal> byCurrency) {
    Map<String, String> totals = new TreeMap<>();
    byCurrency.forEach((currency, total) -> totals.put(currency, total.toPlainString()));
    return totals;
  }
}
