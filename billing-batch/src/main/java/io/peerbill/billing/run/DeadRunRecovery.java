package io.peerbill.billing.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Ends the executions of a date that were left running: their process was killed, or lost its
 * database and could not record how it ended. Spring Batch's own recovery marks them and their
 * running steps FAILED with an end time, so the next run of the day restarts them where their last
 * chunk committed. Called only under the date's {@link DayFence}: every live run of the date holds
 * it, so none of them is alive.
 */
@Component
public class DeadRunRecovery {

  /** Starts the exit description of a recovered execution. */
  static final String RECOVERED = "recovered: ";

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final DayExecutions executions;

  public DeadRunRecovery(
      JobOperator jobOperator, JobRepository jobRepository, DayExecutions executions) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.executions = executions;
  }

  /** Recovers every execution of the date left running; returns what it found. */
  public List<RecoveredRun> recover(LocalDate date) {
    List<RecoveredRun> recovered = new ArrayList<>();
    for (JobExecution execution : executions.running(date)) {
      String step =
          execution.getStepExecutions().stream()
              .filter(s -> s.getStatus().isRunning())
              .map(StepExecution::getStepName)
              .findFirst()
              .orElse(null);
      jobOperator.recover(execution);
      execution.setExitStatus(
          ExitStatus.FAILED.addExitDescription(
              RECOVERED
                  + "ended without recording its end"
                  + (step == null ? "" : " in " + step)
                  + " (its process was killed or lost its database)"
                  + "; marked FAILED by the next bill of the day, which resumed it"));
      jobRepository.update(execution);
      recovered.add(RecoveredRun.of(execution));
    }
    return recovered;
  }

  static boolean wasRecovered(JobExecution execution) {
    String description = execution.getExitStatus().getExitDescription();
    return description != null && description.startsWith(RECOVERED);
  }
}
