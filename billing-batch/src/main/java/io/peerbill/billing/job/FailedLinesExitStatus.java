package io.peerbill.billing.job;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;

import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.line.LineStatus;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * No silent zero: a run that left failed lines (e.g. no tariff in force) ends with exit status
 * {@value #EXIT_CODE}, not COMPLETED, so the CLI and the scheduler report it.
 */
@Component
public class FailedLinesExitStatus implements JobExecutionListener {

  public static final String EXIT_CODE = "COMPLETED_WITH_FAILED_LINES";

  private final DSLContext dsl;

  public FailedLinesExitStatus(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void afterJob(JobExecution execution) {
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      return;
    }
    LocalDate billDay = BillingJobParameters.date(execution.getJobParameters());
    int failed =
        dsl.fetchCount(
            BILL_LINE,
            BILL_LINE.BILL_DAY.eq(billDay).and(BILL_LINE.STATUS.eq(LineStatus.FAILED.name())));
    if (failed > 0) {
      execution.setExitStatus(
          new ExitStatus(EXIT_CODE, failed + " line(s) of " + billDay + " could not be priced"));
    }
  }
}
