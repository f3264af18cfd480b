package io.peerbill.billing;

import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of the billing job, written and read only here: the day in its zone (D5) and which
 * run of the day it is.
 */
public final class BillingJobParameters {

  public static final String BILL_DAY = "billDay";
  public static final String ZONE = "zone";
  public static final String RUN = "run";

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
