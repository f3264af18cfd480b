package io.peerbill.api.operator;

import io.peerbill.api.error.ApiException;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.run.BillingRun;
import io.peerbill.billing.run.DayExecutions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator: bills a day or a range through {@link BillingRun} (its completeness guard, its {@code
 * DayFence}: a day being billed elsewhere is refused with DAY_BEING_BILLED), and reports the runs
 * of a date.
 */
@RestController
@RequestMapping("/v1/operator/billing-runs")
public class BillingRunController {

  static final int MAX_DAYS = 31;

  private final BillingRun billingRun;
  private final DayExecutions executions;
  private final BillingProperties properties;

  public BillingRunController(
      BillingRun billingRun, DayExecutions executions, BillingProperties properties) {
    this.billingRun = billingRun;
    this.executions = executions;
    this.properties = properties;
  }

  /**
   * {@code date}, or {@code from} and {@code to} (inclusive); zone defaults to the billing zone.
   */
  public record NewRun(
      LocalDate date,
      LocalDate from,
      LocalDate to,
      String zone,
      Boolean force,
      Boolean rebillZone) {}

  public record FailedLine(String connectionId, String reason) {}

  public record DayRun(
      LocalDate date,
      String zone,
      long jobExecutionId,
      String batchStatus,
      String exitCode,
      boolean succeeded,
      Map<?, Integer> linesByStatus,
      Map<String, String> totalByCurrency,
      List<FailedLine> failedLines,
      List<String> report) {
    static DayRun of(BillingReport r) {
      Map<String, String> totals = new java.util.TreeMap<>();
      r.totalByCurrency().forEach((c, t) -> totals.put(c, t.toPlainString()));
      return new DayRun(
          r.day().date(),
          r.day().zone().getId(),
          r.jobExecutionId(),
          r.batchStatus(),
          r.exitCode(),
          r.succeeded(),
          r.linesByStatus(),
          totals,
          r.failedLines().stream()
              .map((BillLine l) -> new FailedLine(l.connectionId(), l.failureReason()))
              .toList(),
          r.describe());
    }
  }

  /** Bills day after day; a day whose billing FAILED stops the range (later days wait for it). */
  @PostMapping
  public List<DayRun> bill(@RequestBody NewRun body) throws Exception {
    LocalDate first = body.date() != null ? body.date() : body.from();
    LocalDate last = body.date() != null ? body.date() : body.to();
    if (first == null || last == null) {
      throw ApiException.invalid("give date, or from and to");
    }
    if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw ApiException.invalid("from..to must be 1 to " + MAX_DAYS + " days");
    }
    ZoneId zone = body.zone() == null ? properties.zone() : ZoneId.of(body.zone());
    List<DayRun> runs = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      BillingReport report =
          billingRun.bill(
              new BillingDay(d, zone),
              Boolean.TRUE.equals(body.force()),
              Boolean.TRUE.equals(body.rebillZone()));
      runs.add(DayRun.of(report));
      if ("FAILED".equals(report.batchStatus())) {
        break;
      }
    }
    return runs;
  }

  public record Execution(
      long jobExecutionId,
      String job,
      String zone,
      String status,
      String exitCode,
      OffsetDateTime startedAt,
      OffsetDateTime endedAt) {
    static Execution of(JobExecution e) {
      return new Execution(
          e.getId(),
          e.getJobInstance().getJobName(),
          e.getJobParameters().getString("zone"),
          e.getStatus().name(),
          e.getExitStatus().getExitCode(),
          at(e.getStartTime()),
          at(e.getEndTime()));
    }

    /** The job repository keeps local times of this JVM's zone. */
    private static OffsetDateTime at(LocalDateTime t) {
      return t == null ? null : t.atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
  }

  public record DayStatus(LocalDate date, boolean running, List<Execution> executions) {}

  @GetMapping
  public DayStatus status(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    List<Execution> all = executions.of(date).stream().map(Execution::of).toList();
    return new DayStatus(
        date,
        all.stream().anyMatch(e -> e.status().equals("STARTED") || e.status().equals("STARTING")),
        all);
  }
}
