package io.peerbill.billing.run;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingJobParameters;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.job.DailyPeakQuery;
import io.peerbill.billing.line.LineStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One run of a day at a time; a run left STARTED (its process killed) is recovered; staging guards
 * removal.
 */
class FencedRunTest extends BillingTestBase {

  @Autowired DayExecutions executions;

  private List<String> ids;
  private BillingOutcome clean;

  private BillingDay day() {
    return new BillingDay(DAY, SHANGHAI);
  }

  /** The day's connections, and what a clean run bills for them (then forgotten again). */
  @BeforeEach
  void sevenConnectionsAndTheirCleanRun() throws Exception {
    ids = sevenConnections(DAY, DAY_START);
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
    // Other tests' statement pages of the day, in the shared folder, are not this run's.
    try (var files = java.nio.file.Files.list(properties.statementDir())) {
      for (var file : files.toList()) {
        if (file.getFileName().toString().contains(DAY.toString())) {
          java.nio.file.Files.delete(file);
        }
      }
    }
    assertThat(billingRun.bill(day(), false).succeeded()).isTrue();
    clean = BillingOutcome.of(dsl, DAY, properties.statementDir(), this::renderPages);
    assertThat(clean.lines()).hasSize(7);
    dsl.execute("TRUNCATE bill_statement, bill_line_revision, bill_line, billing_stage");
    dsl.execute("TRUNCATE batch_job_instance CASCADE");
  }

  @AfterEach
  void noFault() {
    dsl.execute("DROP TRIGGER IF EXISTS bill_line_fault ON bill_line");
  }

  @Test
  void aSecondBillOfADayBeingBilledIsRefusedNamingTheRunningExecutionAndOneResultRemains()
      throws Exception {
    CompletableFuture<BillingReport> first;
    try (Gate statements = Gate.onTable(database().dataSource(), "bill_statement")) {
      first = CompletableFuture.supplyAsync(this::billQuietly);
      Await.until("the first run held at its statements", statements::blocksSomeone, null);
      long running = executions.running(DAY).get(0).getId();

      assertThatThrownBy(() -> billingRun.bill(day(), false))
          .isInstanceOf(DayFence.DayBeingBilledException.class)
          .hasMessageStartingWith(
              "cannot bill 2026-11-25: it is being billed by job execution "
                  + running
                  + " (dailyPeakBilling, zone Asia/Shanghai, started ")
          .hasMessageEndingWith("); run bill again once that has finished");
      // Another zone of the same date is the same lines: refused as well.
      assertThatThrownBy(
              () -> billingRun.bill(new BillingDay(DAY, java.time.ZoneId.of("UTC")), true))
          .isInstanceOf(DayFence.DayBeingBilledException.class);
    }
    assertThat(first.join().succeeded()).isTrue();
    assertThat(BillingOutcome.of(dsl, DAY, properties.statementDir(), this::renderPages))
        .isEqualTo(clean);
    assertThat(executions.billingOf(day())).hasSize(1);
  }

  @Test
  void aStartedExecutionLeftByADeadProcessIsRecoveredAndResumedToTheBillsOfACleanRun()
      throws Exception {
    failOnTheLineOf(ids.get(4), "INSERT");
    BillingReport failed = billingRun.bill(day(), false);
    assertThat(failed.batchStatus()).isEqualTo("FAILED");
    dsl.execute("DROP TRIGGER bill_line_fault ON bill_line");
    // What a process killed in its third chunk leaves in the job repository.
    dsl.execute(
        "UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN',"
            + " exit_message = '', end_time = NULL WHERE job_execution_id = ?",
        failed.jobExecutionId());
    dsl.execute(
        "UPDATE batch_step_execution SET status = 'STARTED', exit_code = 'EXECUTING',"
            + " end_time = NULL WHERE job_execution_id = ? AND step_name = 'dailyPeakStep'",
        failed.jobExecutionId());
    assertThat(executions.running(DAY)).hasSize(1);

    BillingReport resumed = billingRun.bill(day(), false);

    assertThat(resumed.succeeded()).isTrue();
    assertThat(resumed.recovered())
        .extracting(RecoveredRun::jobExecutionId)
        .containsExactly(failed.jobExecutionId());
    assertThat(resumed.describe().get(0))
        .isEqualTo(
            "recovered job execution "
                + failed.jobExecutionId()
                + " (dailyPeakBilling, zone Asia/Shanghai, started "
                + resumed.recovered().get(0).started()
                + "): ended without recording its end in dailyPeakStep (its process was killed"
                + " or lost its database); marked FAILED by the next bill of the day, which"
                + " resumed it");
    JobExecution dead =
        jobOperatorTestUtils.getJobRepository().getJobExecution(failed.jobExecutionId());
    assertThat(dead.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(dead.getEndTime()).isNotNull();
    // The same job instance, restarted after its two committed chunks.
    JobExecution restart =
        jobOperatorTestUtils.getJobRepository().getJobExecution(resumed.jobExecutionId());
    assertThat(restart.getJobInstance().getInstanceId())
        .isEqualTo(dead.getJobInstance().getInstanceId());
    assertThat(executions.running(DAY)).isEmpty();
    assertThat(BillingOutcome.of(dsl, DAY, properties.statementDir(), this::renderPages))
        .isEqualTo(clean);
    assertThat(executions.recovered(DAY))
        .extracting(RecoveredRun::jobExecutionId)
        .containsExactly(failed.jobExecutionId());
  }

  @Test
  void aLostStagingTableNeverZeroesTheDayTheNextBillStagesAgain() throws Exception {
    assertThat(billingRun.bill(day(), false).succeeded()).isTrue();
    // Late data changes the first line; the re-run fails writing it, after staging the day.
    fixture.tooLate(ids.get(0), DAY_START.plusSeconds(600), bytesFor(812), 0);
    failOnTheLineOf(ids.get(0), "UPDATE");
    BillingReport failed = billingRun.bill(day(), false);
    assertThat(failed.batchStatus()).isEqualTo("FAILED");
    dsl.execute("DROP TRIGGER bill_line_fault ON bill_line");
    // Its staging table loses its rows, as an unlogged one does in a PostgreSQL crash: resumed
    // over it, the run would read no connection and remove every line of the day.
    long instance =
        jobOperatorTestUtils
            .getJobRepository()
            .getJobExecution(failed.jobExecutionId())
            .getJobInstance()
            .getInstanceId();
    dsl.execute("TRUNCATE " + DailyPeakQuery.stagingTable(instance));

    BillingReport again = billingRun.bill(day(), false);

    assertThat(again.succeeded()).isTrue();
    assertThat(again.linesByStatus()).containsOnly(java.util.Map.entry(LineStatus.BILLED, 7));
    assertThat(again.totalByCurrency().get("CNY")).isEqualByComparingTo("5454.00");
    assertThat(line(ids.get(0), DAY).amount()).isEqualByComparingTo("1368.00");
    assertThat(jobOperatorTestUtils.getJobRepository().getJobExecution(failed.jobExecutionId()))
        .extracting(JobExecution::getStatus)
        .isEqualTo(BatchStatus.ABANDONED);
  }

  @Test
  void theStepThatRemovesLinesRefusesWithoutTheDaysCompleteStaging() throws Exception {
    assertThat(billingRun.bill(day(), false).succeeded()).isTrue();

    var removal =
        jobOperatorTestUtils.startStep(
            "unbillableLineStep",
            BillingJobParameters.of(day(), 99),
            new org.springframework.batch.infrastructure.item.ExecutionContext());

    assertThat(removal.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(removal.getExitStatus().getExitDescription())
        .contains("no line removed from 2026-11-25 (Asia/Shanghai): nothing was staged");
    assertThat(lines.linesWithStatus(DAY, LineStatus.BILLED)).hasSize(7);
  }

  private BillingReport billQuietly() {
    try {
      return billingRun.bill(day(), false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The database refuses to insert or update (operation) the connection's line. */
  private void failOnTheLineOf(String connectionId, String operation) {
    dsl.execute("CREATE TABLE IF NOT EXISTS fault (connection_id text)");
    dsl.execute("TRUNCATE fault");
    dsl.execute(
        "CREATE OR REPLACE FUNCTION fail_on_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF EXISTS (SELECT 1 FROM fault WHERE connection_id = NEW.connection_id) THEN"
            + " RAISE EXCEPTION 'injected failure at %', NEW.connection_id; END IF;"
            + " RETURN NEW; END $$");
    dsl.execute(
        "CREATE OR REPLACE TRIGGER bill_line_fault BEFORE "
            + operation
            + " ON bill_line FOR EACH ROW EXECUTE FUNCTION fail_on_fault()");
    dsl.execute("INSERT INTO fault VALUES (?)", connectionId);
  }
}
