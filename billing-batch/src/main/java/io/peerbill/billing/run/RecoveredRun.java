package io.peerbill.billing.run;

import io.peerbill.billing.BillingJobParameters;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.springframework.batch.core.job.JobExecution;

/**
 * An execution left running (its process killed or cut off from its database), as a later run of
 * its day found and recovered it.
 */
public record RecoveredRun(
    long jobExecutionId, String job, String zone, LocalDateTime started, String how) {

  static RecoveredRun of(JobExecution execution) {
    return new RecoveredRun(
        execution.getId(),
        execution.getJobInstance().getJobName(),
        BillingJobParameters.zone(execution.getJobParameters()),
        execution.getStartTime() == null
            ? null
            : execution.getStartTime().truncatedTo(ChronoUnit.SECONDS),
        execution
            .getExitStatus()
            .getExitDescription()
            .substring(DeadRunRecovery.RECOVERED.length()));
  }

  /** One line, e.g. for {@code bill} and {@code bills show}. */
  public String describe() {
    return "recovered job execution "
        + jobExecutionId
        + " ("
        + job
        + ", zone "
        + zone
        + (started == null ? "" : ", started " + started)
        + "): "
        + how;
  }
}
