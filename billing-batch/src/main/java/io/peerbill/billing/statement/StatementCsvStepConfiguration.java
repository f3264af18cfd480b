package io.peerbill.billing.statement;

import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.BillingProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

/** The billing job's last step: the day's statements, one per account, as a CSV file. */
@Configuration(proxyBeanMethods = false)
public class StatementCsvStepConfiguration {

  @Bean
  public Step statementExportStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ListItemReader<Statement> statementItemReader,
      FlatFileItemWriter<Statement> statementCsvItemWriter,
      BillingProperties properties) {
    return new StepBuilder("statementExportStep", jobRepository)
        .<Statement, Statement>chunk(properties.chunkSize())
        .transactionManager(transactionManager)
        .reader(statementItemReader)
        .writer(statementCsvItemWriter)
        .build();
  }

  @Bean
  @StepScope
  public ListItemReader<Statement> statementItemReader(
      StatementRepository statements, @Value(BillingJobParameters.STEP) JobParameters parameters) {
    return new ListItemReader<>(
        statements.statementsOf(BillingJobParameters.date(parameters), null));
  }

  @Bean
  @StepScope
  public FlatFileItemWriter<Statement> statementCsvItemWriter(
      BillingProperties properties, @Value(BillingJobParameters.STEP) JobParameters parameters) {
    String billDay = BillingJobParameters.date(parameters).toString();
    return new FlatFileItemWriterBuilder<Statement>()
        .name("statementCsvItemWriter")
        .resource(new FileSystemResource(properties.statementDir().resolve(csvName(billDay))))
        .headerCallback(writer -> writer.write(StatementCsvLine.HEADER))
        .lineAggregator(StatementCsvLine::of)
        .shouldDeleteIfExists(true)
        .build();
  }

  /** The statement file of a billing day, e.g. statements-2026-11-25.csv. */
  public static String csvName(String billDay) {
    return "statements-" + billDay + ".csv";
  }
}
