package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.job.DailyPeakStage;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Bills one day, the one way the CLI ({@code bill --date}, {@code --from/--to}) and the nightly
 * service do it: checks completeness, takes the date's {@link DayFence} for the whole run, refuses
 * a day billed in another zone, recovers executions of the date left running (their process was
 * killed or lost its database), then restarts the day's last run if it failed or stopped (it
 * resumes where it stopped) or else starts a new run of the day (a re-run: lines that change keep
 * their earlier value as a revision, unchanged ones stay as they are). Its statement pages are not
 * part of it: they are rendered on request ({@code bills pages}, the API), so a bill is over once
 * its lines and CSV statements are stored.
 */
@Component
public class BillingRun {

  private final JobOperator jobOperator;
  private final Job dailyPeakBillingJob;
  private final CompletenessGuard guard;
  private final DayFence fence;
  private final ZoneGuard zones;
  private final DeadRunRecovery recovery;
  private final DayExecutions executions;
  private final DailyPeakStage stage;
  private final DayTally tally;

  public BillingRun(
      JobOperator jobOperator,
      Job dailyPeakBillingJob,
      CompletenessGuard guard,
      DayFence fence,
      ZoneGuard zones,
      DeadRunRecovery recovery,
      DayExecutions executions,
      DailyPeakStage stage,
      DayTally tally) {
    this.jobOperator = jobOperator;
    this.dailyPeakBillingJob = dailyPeakBillingJob;
    this.guard = guard;
    this.fence = fence;
    this.zones = zones;
    this.recovery = recovery;
    this.executions = executions;
    this.stage = stage;
    this.tally = tally;
  }

  public BillingReport bill(BillingDay day, boolean force) throws Exception {
    return bill(day, force, false);
  }

  /**
   * @param rebillZone bill the day in its zone although it was billed in another
   * @throws DayFence.DayBeingBilledException another run holds the date
   * @throws ZoneGuard.DayBilledInAnotherZoneException without {@code rebillZone}
   */
  public BillingReport bill(BillingDay day, boolean force, boolean rebillZone) throws Exception {
    if (!force) {
      guard.check(day);
    }
    try (DayFence.Held held = fence.hold(day.date())) {
      zones.check(day, rebillZone);
      List<RecoveredRun> recovered = recovery.recover(day.date());
      JobExecution execution = runBilling(day);
      return BillingReport.of(
          day,
          recovered,
          execution.getId(),
          execution.getStatus().name(),
          execution.getExitStatus().getExitCode(),
          execution.getExitStatus().getExitDescription(),
          tally);
    }
  }

  private JobExecution runBilling(BillingDay day) throws Exception {
    Optional<JobExecution> previous = lastExecutionOf(day);
    if (previous.isPresent() && isRestartable(previous.get().getStatus())) {
      long instance = previous.get().getJobInstance().getInstanceId();
      if (!stage.lost(instance)) {
        return jobOperator.restart(previous.get());
      }
      // Its staging is no longer whole, so it cannot resume: a new run stages the day again and
      // compares every line with the stored one, as any re-run does.
      jobOperator.abandon(previous.get());
      stage.drop(instance);
    }
    long run = previous.map(e -> BillingJobParameters.run(e.getJobParameters()) + 1).orElse(1L);
    return jobOperator.start(dailyPeakBillingJob, BillingJobParameters.of(day, run));
  }

  private static boolean isRestartable(BatchStatus status) {
    return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
  }

  /** The newest billing execution of the day in its zone: that of its latest run. */
  private Optional<JobExecution> lastExecutionOf(BillingDay day) {
    List<JobExecution> all = executions.billingOf(day);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
