package io.peerbill.billing;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.run.BillingRun;
import io.peerbill.billing.statement.html.StatementPageFiles;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.billing.tariff.TierModel;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The billing application against a real PostgreSQL (one migrated test database for the shared
 * Spring context; every test starts from emptied tables), chunks of 2 lines so that restarts have
 * something to resume.
 */
@SpringBatchTest
@SpringBootTest(classes = BillingApplication.class)
public abstract class BillingTestBase {

  protected static final ZoneId SHANGHAI = BillingInstants.SHANGHAI;
  private static final TestDatabase DATABASE = newDatabase();
  private static final AtomicLong RUNS = new AtomicLong();

  @Autowired protected JobOperatorTestUtils jobOperatorTestUtils;
  @Autowired protected DSLContext dsl;
  @Autowired protected BillLineRepository lines;
  @Autowired protected TariffRepository tariffs;
  @Autowired protected BillingRun billingRun;
  @Autowired protected BillingProperties properties;
  @Autowired protected StatementPageFiles pageFiles;
  @Autowired private Job dailyPeakBillingJob;

  protected BillingFixture fixture;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    registry.add("peerbill.db.url", DATABASE::jdbcUrl);
    registry.add("peerbill.db.user", DATABASE::user);
    Path statements = Files.createTempDirectory("peerbill-statements");
    registry.add("peerbill.billing.statement-dir", statements::toString);
    registry.add("peerbill.billing.chunk-size", () -> "2");
  }

  @BeforeEach
  void emptyTables() {
    jobOperatorTestUtils.setJob(dailyPeakBillingJob);
    fixture = new BillingFixture(dsl);
    fixture.clean();
  }

  /**
   * Runs the job for a day as a new job instance (its own run number); returns its exit status.
   * (Not the JobExecution: @SpringBatchTest would take a method returning one for a factory.)
   */
  protected ExitStatus bill(LocalDate day, ZoneId zone) throws Exception {
    return jobOperatorTestUtils
        .startJob(BillingJobParameters.of(new BillingDay(day, zone), RUNS.incrementAndGet()))
        .getExitStatus();
  }

  /** Writes every page of the day into the statement folder, as {@code bills pages} does. */
  protected void renderPages(LocalDate day, Path statementDir) throws Exception {
    pageFiles.write(day, null, statementDir);
  }

  protected BillLine line(String connectionId, LocalDate day) {
    return lines.linesOf(day, null).stream()
        .filter(l -> l.connectionId().equals(connectionId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no bill line for " + connectionId + " on " + day));
  }

  /** The test database, for a billing process of its own (a JVM started by the test). */
  protected static TestDatabase database() {
    return DATABASE;
  }

  /**
   * Seven cross-region connections active since the day before, with peaks 100, 200, ... 700 Mbps
   * in the first 35 minutes of the day: 4240.00 CNY on the D7 volume tariff. Listed in id order,
   * the order the job reads them in.
   */
  protected List<String> sevenConnections(LocalDate day, Instant dayStart) {
    return sevenConnections(fixture, tariffs, day, dayStart);
  }

  /** {@link #sevenConnections(LocalDate, Instant)} in any database (one a test runs itself). */
  public static List<String> sevenConnections(
      BillingFixture fixture, TariffRepository tariffs, LocalDate day, Instant dayStart) {
    fixture.partitions(day);
    tariffs.load(List.of(d7Volume("cn-mainland:cn-mainland", LocalDate.of(2026, 1, 1))));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      ids.add(fixture.crossRegion(5000, dayStart.minus(Duration.ofDays(1))));
    }
    // In the order the job reads them (by id), so that the i-th of the list is the i-th line.
    ids.sort(null);
    for (int i = 1; i <= 7; i++) {
      fixture.bucket(
          ids.get(i - 1),
          dayStart.plusSeconds(300L * i),
          BillingFixture.bytesFor(100 * i),
          BillingFixture.bytesFor(10));
    }
    return ids;
  }

  /** D7's public volume example for cross-region pairs within cn-mainland. */
  protected void d7VolumeTariff(LocalDate from) {
    tariff("cn-mainland:cn-mainland", from, TierModel.VOLUME);
  }

  protected void tariff(String pairClass, LocalDate from, TierModel model) {
    tariffs.load(List.of(tariffOf(pairClass, from, model)));
  }

  private static Tariff d7Volume(String pairClass, LocalDate from) {
    return tariffOf(pairClass, from, TierModel.VOLUME);
  }

  private static Tariff tariffOf(String pairClass, LocalDate from, TierModel model) {
    return new Tariff(
        null,
        pairClass,
        from,
        model,
        "CNY",
        List.of(
            DailyPeakPricerTest.tier("0", "500", "1.54"),
            DailyPeakPricerTest.tier("500", "5000", "1.50"),
            DailyPeakPricerTest.tier("5000", "20000", "1.35"),
            DailyPeakPricerTest.tier("20000", null, "1.20")));
  }

  private static TestDatabase newDatabase() {
    try {
      return PostgresExtension.newDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
