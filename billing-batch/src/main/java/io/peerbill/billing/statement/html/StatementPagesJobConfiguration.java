package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.BillingProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@value #JOB_NAME} job, run after each billing run of a day: an HTML statement per account,
 * beside the CSV. A job of its own because charting reads every bucket of the day again (more work
 * than billing itself): the bills are final and the run's status known without waiting for the
 * pages, and pages that fail to render fail their own job, not the billing.
 */
@Configuration(proxyBeanMethods = false)
public class StatementPagesJobConfiguration {

  public static final String JOB_NAME = "statementPages";

  /**
   * Accounts per chunk. A chunk's buckets are read with one query, and an account's connections are
   * spread over the whole day's partitions (rows are in time order), so each chunk reads most of
   * the day's pages again: fewer, larger chunks read them fewer times. The chunk's buckets are held
   * until its pages are written (at 100 connections per account, about 90 MB for 50 accounts).
   */
  private static final int ACCOUNTS_PER_CHUNK = 50;

  @Bean
  public Job statementPagesJob(JobRepository jobRepository, Step statementHtmlStep) {
    return new JobBuilder(JOB_NAME, jobRepository).start(statementHtmlStep).build();
  }

  @Bean
  public Step statementHtmlStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ListItemReader<String> statementAccountItemReader,
      StatementHtmlWriter statementHtmlItemWriter) {
    return new StepBuilder("statementHtmlStep", jobRepository)
        .<String, String>chunk(ACCOUNTS_PER_CHUNK)
        .transactionManager(transactionManager)
        .reader(statementAccountItemReader)
        .writer(statementHtmlItemWriter)
        .build();
  }

  @Bean
  @StepScope
  public ListItemReader<String> statementAccountItemReader(
      StatementPageLoader loader, @Value(BillingJobParameters.STEP) JobParameters parameters) {
    return new ListItemReader<>(loader.accountsOf(BillingJobParameters.day(parameters)));
  }

  @Bean
  @StepScope
  public StatementHtmlWriter statementHtmlItemWriter(
      StatementPageLoader loader,
      BillingProperties properties,
      @Value(BillingJobParameters.STEP) JobParameters parameters) {
    return new StatementHtmlWriter(
        loader, properties.statementDir(), BillingJobParameters.day(parameters));
  }
}
