package io.peerbill.billing.run;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementCsvStepConfiguration;
import io.peerbill.billing.statement.StatementRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

class BillingRunTest extends BillingTestBase {

  @Autowired StatementRepository statements;
  @Autowired DryRun dryRun;

  private BillingDay day() {
    return new BillingDay(DAY, SHANGHAI);
  }

  private List<String> sevenConnections() {
    return sevenConnections(DAY, DAY_START);
  }

  @Test
  void reRunNeverChargesTwiceAndKeepsRevisionsWithReasons_D6() throws Exception {
    List<String> ids = sevenConnections();
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));

    BillingReport first = billingRun.bill(day(), false);
    BillingReport again = billingRun.bill(day(), false);

    assertThat(first.succeeded()).isTrue();
    assertThat(again.succeeded()).isTrue();
    assertThat(again.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
    // (100 + 200 + 300 + 400) × 1.54 + (500 + 600 + 700) × 1.50 = 1540 + 2700
    assertThat(again.totalByCurrency().get("CNY")).isEqualByComparingTo("4240.00");
    assertThat(lines.revisionsOf(ids.get(0), DAY)).isEmpty();
    Statement unchanged = statements.statementsOf(DAY, null).get(0);
    assertThat(unchanged.total()).isEqualByComparingTo("4240.00");
    assertThat(unchanged.revision()).isEqualTo(1);
    assertThat(unchanged.adjustment()).isEqualByComparingTo("0.00");

    // Late data raises one peak: the re-run revises that line and the statement shows it.
    fixture.tooLate(ids.get(0), DAY_START.plusSeconds(600), bytesFor(812), 0);
    billingRun.bill(day(), false);

    BillLine revised = line(ids.get(0), DAY);
    assertThat(revised.amount()).isEqualByComparingTo("1368.00");
    assertThat(lines.currentRevision(ids.get(0), DAY)).isEqualTo(2);
    List<LineRevision> history = lines.revisionsOf(ids.get(0), DAY);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).amount()).isEqualByComparingTo("154.00");
    assertThat(history.get(0).reason())
        .startsWith("re-run changed ")
        .contains("peak Mbps 100.000000 -> 912.000000")
        .contains("amount 154.00 -> 1368.00");
    assertThat(lines.revisionsOf(ids.get(1), DAY)).isEmpty();
    Statement adjusted = statements.statementsOf(DAY, null).get(0);
    assertThat(adjusted.total()).isEqualByComparingTo("5454.00");
    assertThat(adjusted.previousTotal()).isEqualByComparingTo("4240.00");
    assertThat(adjusted.adjustment()).isEqualByComparingTo("1214.00");
    assertThat(adjusted.revision()).isEqualTo(2);

    Path csv =
        properties.statementDir().resolve(StatementCsvStepConfiguration.csvName(DAY.toString()));
    assertThat(Files.readAllLines(csv))
        .containsExactly(
            "account_id,bill_day,currency,lines,failed_lines,total,previous_total,adjustment,revision",
            "acct-requester,2026-11-25,CNY,7,0,5454.00,4240.00,1214.00,2");
  }

  @Test
  void dryRunTellsWhatARunWouldAddReviseAndRemoveAndStoresNothing_D9() throws Exception {
    List<String> ids = sevenConnections();
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
    List<DryRun.Preview> first = new ArrayList<>();
    assertThat(dryRun.rate(day(), first::add)).isEqualTo(7);
    assertThat(first).extracting(DryRun.Preview::change).containsOnly(DryRun.Change.NEW);
    assertThat(lines.linesOf(DAY, null)).isEmpty();

    billingRun.bill(day(), false);
    fixture.tooLate(ids.get(0), DAY_START.plusSeconds(600), bytesFor(812), 0);
    fixture.neverActiveAfterAll(ids.get(6), "WITHDRAWN");
    List<DryRun.Preview> again = new ArrayList<>();
    dryRun.rate(day(), again::add);

    assertThat(again)
        .extracting(p -> p.line().connectionId(), DryRun.Preview::change)
        .containsExactlyInAnyOrder(
            tuple(ids.get(0), DryRun.Change.CHANGED),
            tuple(ids.get(1), DryRun.Change.UNCHANGED),
            tuple(ids.get(2), DryRun.Change.UNCHANGED),
            tuple(ids.get(3), DryRun.Change.UNCHANGED),
            tuple(ids.get(4), DryRun.Change.UNCHANGED),
            tuple(ids.get(5), DryRun.Change.UNCHANGED),
            tuple(ids.get(6), DryRun.Change.REMOVED));
    DryRun.Preview revised =
        again.stream().filter(p -> p.change() == DryRun.Change.CHANGED).findFirst().orElseThrow();
    assertThat(revised.line().amount()).isEqualByComparingTo("1368.00");
    assertThat(revised.detail()).contains("amount 154.00 -> 1368.00");
    DryRun.Preview removed =
        again.stream().filter(p -> p.change() == DryRun.Change.REMOVED).findFirst().orElseThrow();
    assertThat(removed.line().amount()).isEqualByComparingTo("1050.00");
    assertThat(removed.detail())
        .isEqualTo(
            "re-run removed: no ACTIVE time on 2026-11-25 (Asia/Shanghai), not billable (D9)");
    // Nothing stored: the lines are still the first run's, without revisions.
    assertThat(line(ids.get(0), DAY).amount()).isEqualByComparingTo("154.00");
    assertThat(line(ids.get(6), DAY).status()).isEqualTo(LineStatus.BILLED);
    assertThat(lines.revisionsOf(ids.get(0), DAY)).isEmpty();
  }

  @Test
  void lineOfAConnectionFoundNotActiveOnAReRunIsRemovedAsAnAdjustment_D9() throws Exception {
    List<String> ids = sevenConnections();
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
    billingRun.bill(day(), false);
    String withdrawn = ids.get(6); // 700 Mbps: 1050.00
    assertThat(line(withdrawn, DAY).amount()).isEqualByComparingTo("1050.00");

    // The record is corrected: the request was withdrawn, the connection never became ACTIVE.
    fixture.neverActiveAfterAll(withdrawn, "WITHDRAWN");
    BillingReport rerun = billingRun.bill(day(), false);

    assertThat(rerun.succeeded()).isTrue();
    assertThat(rerun.linesByStatus())
        .containsEntry(LineStatus.BILLED, 6)
        .containsEntry(LineStatus.REMOVED, 1);
    assertThat(rerun.totalByCurrency().get("CNY")).isEqualByComparingTo("3190.00");
    BillLine removed = line(withdrawn, DAY);
    assertThat(removed.status()).isEqualTo(LineStatus.REMOVED);
    assertThat(removed.amount()).isEqualByComparingTo("0.00");
    assertThat(removed.billedMbps()).isEqualByComparingTo("0.00");
    assertThat(removed.peakMbps()).isNull();
    assertThat(removed.currency()).isEqualTo("CNY");
    assertThat(lines.currentRevision(withdrawn, DAY)).isEqualTo(2);
    List<LineRevision> history = lines.revisionsOf(withdrawn, DAY);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).revision()).isEqualTo(1);
    assertThat(history.get(0).amount()).isEqualByComparingTo("1050.00");
    assertThat(history.get(0).reason())
        .isEqualTo(
            "re-run removed: no ACTIVE time on 2026-11-25 (Asia/Shanghai), not billable (D9)");
    for (String kept : ids.subList(0, 6)) {
      assertThat(lines.revisionsOf(kept, DAY)).isEmpty();
    }
    Statement adjusted = statements.statementsOf(DAY, null).get(0);
    assertThat(adjusted.lineCount()).isEqualTo(6);
    assertThat(adjusted.total()).isEqualByComparingTo("3190.00");
    assertThat(adjusted.previousTotal()).isEqualByComparingTo("4240.00");
    assertThat(adjusted.adjustment()).isEqualByComparingTo("-1050.00");
    assertThat(adjusted.revision()).isEqualTo(2);
    Path csv =
        properties.statementDir().resolve(StatementCsvStepConfiguration.csvName(DAY.toString()));
    assertThat(Files.readAllLines(csv))
        .contains("acct-requester,2026-11-25,CNY,6,0,3190.00,4240.00,-1050.00,2");

    // Removed once: another re-run changes nothing.
    billingRun.bill(day(), false);
    assertThat(lines.revisionsOf(withdrawn, DAY)).hasSize(1);
    assertThat(lines.currentRevision(withdrawn, DAY)).isEqualTo(2);
    assertThat(statements.statementsOf(DAY, null).get(0).revision()).isEqualTo(2);
  }

  @Test
  void aRunFailedAfterSomeChunksRestartsWhereItStoppedWithTheLinesOfACleanRun_D6()
      throws Exception {
    List<String> ids = sevenConnections();
    // Injected failure: the database refuses the fifth connection's line while `fault` has a row.
    dsl.execute("CREATE TABLE IF NOT EXISTS fault (connection_id text)");
    dsl.execute("TRUNCATE fault");
    dsl.execute(
        "CREATE OR REPLACE FUNCTION fail_on_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF EXISTS (SELECT 1 FROM fault WHERE connection_id = NEW.connection_id) THEN"
            + " RAISE EXCEPTION 'injected failure at %', NEW.connection_id; END IF;"
            + " RETURN NEW; END $$");
    dsl.execute(
        "CREATE OR REPLACE TRIGGER bill_line_fault BEFORE INSERT ON bill_line"
            + " FOR EACH ROW EXECUTE FUNCTION fail_on_fault()");
    dsl.execute("INSERT INTO fault VALUES (?)", ids.get(4));
    try {
      BillingReport failed = billingRun.bill(day(), true);

      assertThat(failed.batchStatus()).isEqualTo("FAILED");
      // Chunks of 2: lines 1-4 committed, the chunk of 5 and 6 rolled back.
      assertThat(lines.linesOf(DAY, null)).hasSize(4);

      dsl.execute("TRUNCATE fault");
      BillingReport restarted = billingRun.bill(day(), true);

      assertThat(restarted.succeeded()).isTrue();
      JobExecution execution =
          jobOperatorTestUtils.getJobRepository().getJobExecution(restarted.jobExecutionId());
      StepExecution peaks =
          execution.getStepExecutions().stream()
              .filter(s -> s.getStepName().equals("dailyPeakStep"))
              .findFirst()
              .orElseThrow();
      assertThat(peaks.getReadCount()).isEqualTo(3); // resumed after the 4 committed lines
      List<BillLine> afterRestart = lines.linesOf(DAY, null);

      fixture.clean();
      List<String> cleanIds = sevenConnections();
      BillingReport clean = billingRun.bill(day(), true);

      assertThat(clean.succeeded()).isTrue();
      assertThat(withoutIds(afterRestart)).isEqualTo(withoutIds(lines.linesOf(DAY, null)));
      assertThat(afterRestart).extracting(BillLine::connectionId).containsExactlyElementsOf(ids);
      assertThat(cleanIds).hasSize(7);
      for (String id : ids) {
        assertThat(lines.revisionsOf(id, DAY)).isEmpty();
      }
    } finally {
      dsl.execute("DROP TRIGGER IF EXISTS bill_line_fault ON bill_line");
    }
  }

  /** Lines without the connection ids (a clean run's fixture has new ones), in order. */
  private static List<String> withoutIds(List<BillLine> lines) {
    return lines.stream()
        .map(
            l ->
                l.status()
                    + " "
                    + l.peakMbps()
                    + " "
                    + l.billedMbps()
                    + " "
                    + l.amount()
                    + " "
                    + l.coverage())
        .toList();
  }

  @Test
  void dayNotCoveredByTheStreamIsRefusedUnlessForced() throws Exception {
    sevenConnections();

    assertThatThrownBy(() -> billingRun.bill(day(), false))
        .isInstanceOf(CompletenessGuard.DayNotCompleteException.class)
        .hasMessageContaining("metering_watermark is empty");

    fixture.watermark(DAY_END.minus(Duration.ofMinutes(30)));
    assertThatThrownBy(() -> billingRun.bill(day(), false))
        .isInstanceOf(CompletenessGuard.DayNotCompleteException.class)
        .hasMessage(
            "cannot bill 2026-11-25 (Asia/Shanghai): traffic aggregates are complete until"
                + " 2026-11-25T15:30:00Z, billing needs 2026-11-25T16:00:00Z (the end of the day);"
                + " use --force to bill anyway");
    assertThat(lines.linesOf(DAY, null)).isEmpty();

    BillingReport forced = billingRun.bill(day(), true);
    assertThat(forced.succeeded()).isTrue();
    assertThat(forced.linesByStatus()).containsEntry(LineStatus.BILLED, 7);
  }
}
