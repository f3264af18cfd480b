package io.peerbill.billing.run;

import static io.peerbill.billing.BillingJobParameters.BILL_DAY;
import static io.peerbill.billing.job.DailyPeakBillingJobConfiguration.JOB_NAME;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingJobParameters;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The job executions of a billing date (every zone), found through their {@code billDay} parameter
 * and loaded from the job repository.
 */
@Component
public class DayExecutions {

  /**
   * The billing job, and the statement pages job that bill ran after it until pages were rendered
   * on request: an execution of it that a killed process left STARTED is still recovered.
   */
  private static final List<String> JOBS = List.of(JOB_NAME, "statementPages");

  private final DSLContext dsl;
  private final JobRepository jobRepository;

  public DayExecutions(DSLContext dsl, JobRepository jobRepository) {
    this.dsl = dsl;
    this.jobRepository = jobRepository;
  }

  /** Executions of the date (of both jobs), in any zone, oldest first. */
  public List<JobExecution> of(LocalDate date) {
    return dsl
        .fetch(
            "SELECT e.job_execution_id FROM batch_job_execution e"
                + " JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id"
                + " JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id"
                + " WHERE i.job_name IN (?, ?) AND p.parameter_name = ? AND p.parameter_value = ?"
                + " ORDER BY e.job_execution_id",
            JOBS.get(0),
            JOBS.get(1),
            BILL_DAY,
            date.toString())
        .getValues(0, Long.class)
        .stream()
        .map(jobRepository::getJobExecution)
        .toList();
  }

  /** Billing executions of the day in its zone, oldest first. */
  public List<JobExecution> billingOf(BillingDay day) {
    return of(day.date()).stream()
        .filter(e -> e.getJobInstance().getJobName().equals(JOB_NAME))
        .filter(e -> day.zone().getId().equals(BillingJobParameters.zone(e.getJobParameters())))
        .toList();
  }

  /** Whether a billing run of the day in its zone has completed. */
  public boolean billed(BillingDay day) {
    return billingOf(day).stream().anyMatch(e -> e.getStatus() == BatchStatus.COMPLETED);
  }

  /** Executions of the date that the job repository shows as running. */
  public List<JobExecution> running(LocalDate date) {
    return of(date).stream().filter(e -> e.getStatus().isRunning()).toList();
  }

  /** Executions of the date that a later run recovered, oldest first. */
  public Stream<RecoveredRun> recovered(LocalDate date) {
    return of(date).stream().filter(DeadRunRecovery::wasRecovered).map(RecoveredRun::of);
  }
}
