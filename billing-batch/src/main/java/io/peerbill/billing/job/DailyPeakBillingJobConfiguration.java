package io.peerbill.billing.job;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.peering.ExpirySweep;
import java.time.Clock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly job {@value #JOB_NAME}: for billing day {@code billDay} in zone {@code zone} (job
 * parameters, {@link BillingJobParameters}), daily peaks → rated bill lines → per-account
 * statements → statement CSV ({@link io.peerbill.billing.statement.StatementCsvStepConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class DailyPeakBillingJobConfiguration {

  public static final String JOB_NAME = "dailyPeakBilling";

  @Bean
  public Job dailyPeakBillingJob(
      JobRepository jobRepository,
      Step expirySweepStep,
      Step dailyPeakStagingStep,
      Step dailyPeakStep,
      Step unbillableLineStep,
      Step statementStep,
      Step statementExportStep,
      FailedLinesExitStatus failedLinesExitStatus) {
    return new JobBuilder(JOB_NAME, jobRepository)
        .listener(failedLinesExitStatus)
        .start(expirySweepStep)
        .next(dailyPeakStagingStep)
        .next(dailyPeakStep)
        .next(unbillableLineStep)
        .next(statementStep)
        .next(statementExportStep)
        .build();
  }

  /** Step 1: pending requests past their acceptance window become EXPIRED (R6) before billing. */
  @Bean
  public Step expirySweepStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      DSLContext dsl,
      Clock clock) {
    ExpirySweep sweep = new ExpirySweep(dsl, clock);
    return new StepBuilder("expirySweepStep", jobRepository)
        .tasklet(
            (contribution, context) -> {
              contribution.incrementWriteCount(sweep.expireDue());
              return RepeatStatus.FINISHED;
            },
            transactionManager)
        .build();
  }

  /** Step 2: the day's aggregate, computed once into this job instance's staging table. */
  @Bean
  public Step dailyPeakStagingStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      DataSource dataSource,
      DailyPeakStage stage,
      BillingProperties properties) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String workMem = properties.aggregateWorkMem();
    return new StepBuilder("dailyPeakStagingStep", jobRepository)
        .tasklet(
            (contribution, context) -> {
              StepExecution step = context.getStepContext().getStepExecution();
              if (workMem != null && !workMem.isBlank()) {
                // For this transaction only: the aggregate's hash table then stays in memory.
                jdbc.queryForObject(
                    "SELECT set_config('work_mem', ?, true)", String.class, workMem.strip());
              }
              contribution.incrementWriteCount(
                  stage.stage(
                      jobInstanceId(step), BillingJobParameters.day(step.getJobParameters())));
              return RepeatStatus.FINISHED;
            },
            transactionManager)
        .build();
  }

  @Bean
  public Step dailyPeakStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      JdbcCursorItemReader<DailyPeak> dailyPeakItemReader,
      LineRater billLineItemProcessor,
      BillLineWriter billLineItemWriter,
      BillingProperties properties) {
    return new StepBuilder("dailyPeakStep", jobRepository)
        .<DailyPeak, BillLine>chunk(properties.chunkSize())
        .transactionManager(transactionManager)
        .reader(dailyPeakItemReader)
        .processor(billLineItemProcessor)
        .writer(billLineItemWriter)
        .build();
  }

  /**
   * Step 4: a line of the day whose connection is not in the day's aggregate any more (a re-run
   * found it had no ACTIVE time that day after all) is removed as an adjustment (D9): its earlier
   * value stays as a revision with the reason, the line drops to zero.
   */
  @Bean
  public Step unbillableLineStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      BillLineRepository lines,
      DailyPeakStage stage) {
    return new StepBuilder("unbillableLineStep", jobRepository)
        .tasklet(
            (contribution, context) -> {
              StepExecution step = context.getStepContext().getStepExecution();
              BillingDay day = BillingJobParameters.day(step.getJobParameters());
              // Only a whole staging table says which connections were active: a lost one would
              // remove every line of the day.
              stage
                  .incomplete(jobInstanceId(step))
                  .ifPresent(
                      why -> {
                        throw new IllegalStateException("no line removed from " + day + ": " + why);
                      });
              contribution.incrementWriteCount(
                  lines.removeAllBut(
                      day,
                      DailyPeakQuery.stagedConnections(stagingTable(step)),
                      removalReason(day),
                      step.getJobExecutionId()));
              return RepeatStatus.FINISHED;
            },
            transactionManager)
        .build();
  }

  /** Why a re-run removes a line of the day (kept with the line's earlier value). */
  public static String removalReason(BillingDay day) {
    return "re-run removed: no ACTIVE time on " + day + ", not billable (D9)";
  }

  private static String stagingTable(StepExecution stepExecution) {
    return DailyPeakQuery.stagingTable(jobInstanceId(stepExecution));
  }

  private static long jobInstanceId(StepExecution stepExecution) {
    return stepExecution.getJobExecution().getJobInstance().getInstanceId();
  }

  @Bean
  @StepScope
  public JdbcCursorItemReader<DailyPeak> dailyPeakItemReader(
      DataSource dataSource,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return DailyPeakQuery.stagedReader(dataSource, DailyPeakQuery.stagingTable(jobInstanceId));
  }

  @Bean
  @StepScope
  public LineRater billLineItemProcessor(
      TariffRepository tariffs,
      BillingProperties properties,
      @Value(BillingJobParameters.STEP) JobParameters parameters) {
    BillingDay day = BillingJobParameters.day(parameters);
    return new LineRater(day, tariffs.inForceOn(day.date()), properties);
  }

  @Bean
  @StepScope
  public BillLineWriter billLineItemWriter(
      BillLineRepository lines,
      @Value(BillingJobParameters.STEP) JobParameters parameters,
      @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
    return new BillLineWriter(lines, BillingJobParameters.date(parameters), jobExecutionId);
  }

  @Bean
  public Step statementStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      StatementRepository statements,
      DailyPeakStage stage) {
    return new StepBuilder("statementStep", jobRepository)
        .tasklet(
            (contribution, context) -> {
              // The lines are all written: the staging table has served (dropped here, not in the
              // chunk step's listener, which runs while its reader still holds the table).
              StepExecution step = context.getStepContext().getStepExecution();
              stage.drop(jobInstanceId(step));
              contribution.incrementWriteCount(
                  statements.refresh(BillingJobParameters.date(step.getJobParameters())));
              return RepeatStatus.FINISHED;
            },
            transactionManager)
        .build();
  }
}
