package io.peerbill.billing.run;

import static io.peerbill.billing.job.DailyPeakBillingJobConfiguration.BILL_DAY;
import static io.peerbill.billing.job.DailyPeakBillingJobConfiguration.JOB_NAME;
import static io.peerbill.billing.job.DailyPeakBillingJobConfiguration.RUN;
import static io.peerbill.billing.job.DailyPeakBillingJobConfiguration.ZONE;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.statement.html.StatementHtmlStepConfiguration;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Bills one day: checks completeness, then restarts the day's last run if it failed or stopped (it
 * resumes where it stopped) or else starts a new run of the day (a re-run: lines that change keep
 * their earlier value as a revision, unchanged ones stay as they are).
 */
@Component
public class BillingRun {

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Job dailyPeakBillingJob;
  private final Job statementPagesJob;
  private final CompletenessGuard guard;
  private final DayTally tally;

  public BillingRun(
      JobOperator jobOperator,
      JobRepository jobRepository,
      Job dailyPeakBillingJob,
      Job statementPagesJob,
      CompletenessGuard guard,
      DayTally tally) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.dailyPeakBillingJob = dailyPeakBillingJob;
    this.statementPagesJob = statementPagesJob;
    this.guard = guard;
    this.tally = tally;
  }

  public BillingReport bill(BillingDay day, boolean force) throws Exception {
    if (!force) {
      guard.check(day);
    }
    Optional<JobExecution> previous = lastExecutionOf(day);
    JobExecution execution;
    if (previous.isPresent() && isRestartable(previous.get().getStatus())) {
      execution = jobOperator.restart(previous.get());
    } else {
      long run = previous.map(e -> e.getJobParameters().getLong(RUN) + 1).orElse(1L);
      execution = jobOperator.start(dailyPeakBillingJob, parameters(day, run));
    }
    JobExecution pages = null;
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      pages = jobOperator.start(statementPagesJob, pagesParameters(execution));
    }
    return BillingReport.of(
        day,
        execution.getId(),
        execution.getStatus().name(),
        execution.getExitStatus().getExitCode(),
        execution.getExitStatus().getExitDescription(),
        pages == null ? null : StatementPages.of(pages),
        tally);
  }

  /** The pages of one billing execution (a restarted billing run renders its pages anew). */
  private static JobParameters pagesParameters(JobExecution billing) {
    return new JobParametersBuilder(billing.getJobParameters())
        .addLong(StatementHtmlStepConfiguration.BILLING_EXECUTION, billing.getId())
        .toJobParameters();
  }

  public static JobParameters parameters(BillingDay day, long run) {
    return new JobParametersBuilder()
        .addString(BILL_DAY, day.date().toString())
        .addString(ZONE, day.zone().getId())
        .addLong(RUN, run)
        .toJobParameters();
  }

  private static boolean isRestartable(BatchStatus status) {
    return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
  }

  private Optional<JobExecution> lastExecutionOf(BillingDay day) {
    return jobRepository.findJobInstances(JOB_NAME).stream()
        .map(jobRepository::getLastJobExecution)
        .filter(e -> e != null && isOf(e.getJobParameters(), day))
        .max(Comparator.comparing((JobExecution e) -> e.getJobParameters().getLong(RUN)));
  }

  private static boolean isOf(JobParameters parameters, BillingDay day) {
    return day.date().toString().equals(parameters.getString(BILL_DAY))
        && day.zone().getId().equals(parameters.getString(ZONE));
  }
}
