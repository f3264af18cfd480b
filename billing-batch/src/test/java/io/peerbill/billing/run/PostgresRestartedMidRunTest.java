package io.peerbill.billing.run;

import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.db.Migrations;
import io.peerbill.testkit.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Issue 15: PostgreSQL stopped in the middle of a {@code bill --date D} and started again. The run
 * fails with one line and a non-zero exit; the next {@code bill} recovers it and completes with
 * exactly the lines, statements and files of an undisturbed run (its pages rendered on request
 * after it, as the undisturbed run's). The server is one of this test's own (the JVM's shared test
 * server keeps running for the other tests), on a fixed data folder and port so that it comes back
 * as it was.
 */
class PostgresRestartedMidRunTest {

  /**
   * The disturbed run waits 1 s, not the pool's 10 s, for a connection at each attempt to record
   * its end: the same attempts and the same line, sooner.
   */
  static final List<String> LOSES_IT_FAST = List.of("-Dpeerbill.db.connection-timeout=1s");

  @TempDir Path dir;

  @Test
  void aBillWhosePostgresStopsFailsInOneLineAndTheNextBillCompletesExactly() throws Exception {
    Path data = dir.resolve("pgdata");
    Path statements = Files.createDirectories(dir.resolve("statements"));
    Path work = Path.of("target", "bill-processes");
    int port = freePort();
    EmbeddedPostgres pg = start(data, port);
    try {
      TestDatabase db = database(pg);
      Migrations.apply(db.dataSource());
      // Spring Batch's job repository, as the billing application creates it on start.
      new ResourceDatabasePopulator(
              new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"))
          .execute(db.dataSource());
      DSLContext dsl = dsl(db);
      BillingFixture fixture = new BillingFixture(dsl);
      fixture.clean();
      BillingTestBase.sevenConnections(fixture, new TariffRepository(dsl), DAY, DAY_START);
      fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
      BillProcess.inThisJvm(db, statements, "bill", "--date", "2026-11-25");
      BillingOutcome undisturbed = BillingOutcome.of(dsl, DAY, statements, pages(db));
      assertThat(undisturbed.lines()).hasSize(7);
      BillingOutcome.forget(dsl, DAY, statements);

      BillProcess run =
          BillProcess.start(LOSES_IT_FAST, db, statements, work, "bill", "--date", "2026-11-25");
      Gate statementsGate = Gate.onTable(db.dataSource(), "bill_statement");
      Await.until("the run at its statements", statementsGate::blocksSomeone, run);
      pg.close(); // the gate's session goes with the server
      closeQuietly(statementsGate);

      int failed = run.waitFor();
      pg = start(data, port);

      List<String> said = run.output().strip().lines().toList();
      assertThat(failed).as(run.output()).isNotZero();
      assertThat(said).as(run.output()).hasSize(1);
      assertThat(said.get(0))
          .startsWith("peerbill: lost PostgreSQL while billing 2026-11-25 (Asia/Shanghai) (")
          .endsWith("); run bill again once it is back: it resumes the run");

      // The same command; in this JVM only because it starts faster here.
      String again = BillProcess.inThisJvm(db, statements, "bill", "--date", "2026-11-25");
      assertThat(again)
          .contains("recovered job execution ")
          // True of a lost database as of a kill: the line does not say the process died.
          .contains("ended without recording its end")
          .contains("(its process was killed or lost its database)")
          .contains("billing day 2026-11-25 (Asia/Shanghai): COMPLETED");
      DSLContext restarted = dsl(database(pg));
      assertThat(BillingOutcome.of(restarted, DAY, statements, pages(database(pg))))
          .isEqualTo(undisturbed);
      assertThat(
              restarted.fetchCount(
                  DSL.table("batch_job_execution"), DSL.field("status").eq("STARTED")))
          .isZero();
    } finally {
      pg.close();
    }
  }

  /** {@code bills pages --date D --all-accounts}, as an operator runs it after the bills. */
  private static BillingOutcome.PagesOnRequest pages(TestDatabase db) {
    return (day, statements) ->
        assertThat(
                BillProcess.inThisJvm(
                    db, statements, "bills", "pages", "--date", day.toString(), "--all-accounts"))
            .contains("statement page(s) of " + day + " in " + statements);
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static TestDatabase database(EmbeddedPostgres pg) {
    return new TestDatabase(
        "postgres", pg.getJdbcUrl("postgres", "postgres"), "postgres", pg.getPostgresDatabase());
  }

  private static DSLContext dsl(TestDatabase db) {
    return DSL.using(db.dataSource(), SQLDialect.POSTGRES);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void closeQuietly(Gate gate) {
    try {
      gate.close();
    } catch (SQLException expected) {
      // Its server was stopped under it.
    }
  }
}
