package io.peerbill.billing;

import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of the billing and statement pages jobs, written and read only here: the day in
 * its zone (D5), which run of the day it is, and for the pages which billing execution they show.
 */
public final class BillingJobParameters {

  public static final String BILL_DAY = "billDay";
  public static final String ZONE = "zone";
  public static final String RUN = "run";

  /** Which billing job execution the pages are for: each billing run gets its own pages. */
  public static final String BILLING_EXECUTION = "billingExecution";

  /** For {@code @StepScope} beans: {@code @Value(STEP) JobParameters parameters}. */
  public static final String STEP = "#{stepExecution.jobParameters}";

  private BillingJobParameters() {}

  /** The parameters of run {@code run} (1, 2, …) of the billing job for a day. */
  public static JobParameters of(BillingDay day, long run) {
    return new JobParametersBuilder()
        .addString(BILL_DAY, day.date().toString())
        .addString(ZONE, day.zone().getId())
        .addLong(RUN, run)
        .toJobParameters();
  }

  /** The pages of one billing execution: its parameters plus the execution's id. */
  public static JobParameters pagesOf(JobParameters billing, long billingExecutionId) {
    return new JobParametersBuilder(billing)
        .addLong(BILLING_EXECUTION, billingExecutionId)
        .toJobParameters();
  }

  public static BillingDay day(JobParameters parameters) {
    return new BillingDay(date(parameters), ZoneId.of(zone(parameters)));
  }

  public static LocalDate date(JobParameters parameters) {
    return LocalDate.parse(parameters.getString(BILL_DAY));
  }

  public static String zone(JobParameters parameters) {
    return parameters.getString(ZONE);
  }

  public static long run(JobParameters parameters) {
    return parameters.getLong(RUN);
  }
}
