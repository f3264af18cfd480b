package io.peerbill.api.operator;

import io.peerbill.api.error.ApiException;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.run.DayExecutions;
import java.net.URI;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Operator: billing runs, started in the background through the code {@code peerbill bill} runs
 * ({@link BillingRuns}): a day, a range (stopped at the first day that fails) or a month of the
 * MONTHLY_95TH connections. {@code POST} answers 202 with the run and its URL; {@code GET} of that
 * URL shows each day's status. A day being billed elsewhere is refused with DAY_BEING_BILLED.
 */
@RestController
@RequestMapping("/v1/operator/billing-runs")
public class BillingRunController {

  static final int MAX_DAYS = 31;

  private final BillingRuns runs;
  private final DayExecutions executions;
  private final BillingProperties properties;

  public BillingRunController(
      BillingRuns runs, DayExecutions executions, BillingProperties properties) {
    this.runs = runs;
    this.executions = executions;
    this.properties = properties;
  }

  /**
   * {@code date}, or {@code from} and {@code to} (inclusive), or {@code month} (YYYY-MM, {@code
   * bill --month}); zone defaults to the billing zone; {@code force} bills before the stream's
   * traffic is complete; {@code rebill_zone} (days only) bills days billed in another zone.
   */
  public record NewRun(
      LocalDate date,
      LocalDate from,
      LocalDate to,
      YearMonth month,
      String zone,
      Boolean force,
      Boolean rebillZone) {}

  @PostMapping
  public ResponseEntity<BillingRunView> start(@RequestBody NewRun body) throws SQLException {
    ZoneId zone = body.zone() == null ? properties.zone() : ZoneId.of(body.zone());
    boolean force = Boolean.TRUE.equals(body.force());
    BillingRunView run;
    if (body.month() != null) {
      if (body.date() != null || body.from() != null || body.to() != null) {
        throw ApiException.invalid("give date, from and to, or month");
      }
      if (Boolean.TRUE.equals(body.rebillZone())) {
        throw ApiException.invalid("rebill_zone applies to days, not to a month");
      }
      run = runs.month(body.month(), zone, force);
    } else {
      LocalDate first = body.date() != null ? body.date() : body.from();
      LocalDate last = body.date() != null ? body.date() : body.to();
      if (first == null
          || last == null
          || (body.date() != null && (body.from() != null || body.to() != null))) {
        throw ApiException.invalid("give date, from and to, or month");
      }
      if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
        throw ApiException.invalid("from..to must be 1 to " + MAX_DAYS + " days");
      }
      run = runs.days(first, last, zone, force, Boolean.TRUE.equals(body.rebillZone()));
    }
    URI location =
        ServletUriComponentsBuilder.fromCurrentRequestUri()
            .replaceQuery(null)
            .path("/{runId}")
            .buildAndExpand(run.id())
            .toUri();
    return ResponseEntity.accepted().location(location).body(run);
  }

  @GetMapping("/{runId}")
  public BillingRunView run(@PathVariable String runId) {
    return runs.find(runId)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    "BILLING_RUN_NOT_FOUND",
                    "billing",
                    "no billing run "
                        + runId
                        + " in this server (runs of other servers and"
                        + " older runs: GET /v1/operator/billing-runs?date=)"));
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
