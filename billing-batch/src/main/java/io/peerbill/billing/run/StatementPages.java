package io.peerbill.billing.run;

import java.time.Duration;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** How the statement pages job of a billing run went. */
public record StatementPages(
    long jobExecutionId, String status, String exitDescription, Duration took) {

  static StatementPages of(JobExecution pages) {
    return new StatementPages(
        pages.getId(),
        pages.getStatus().name(),
        pages.getExitStatus().getExitDescription(),
        pages.getStartTime() == null || pages.getEndTime() == null
            ? Duration.ZERO
            : Duration.between(pages.getStartTime(), pages.getEndTime()));
  }

  public boolean completed() {
    return BatchStatus.COMPLETED.name().equals(status);
  }

  String describe() {
    String first =
        exitDescription == null || exitDescription.isBlank()
            ? ""
            : " (" + exitDescription.strip().split("\\R", 2)[0] + ")";
    return "statement pages: " + status + first + ", job execution " + jobExecutionId;
  }
}
