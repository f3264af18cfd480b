package io.peerbill.cli.demo;

import io.peerbill.billing.BillingApplication;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.run.BillingRun;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.statement.html.StatementPageFiles;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.MeteringRunSummary;
import io.peerbill.metering.MeteringRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One play of the demo day against a database: the same steps a production deployment runs, in one
 * process — the peering service, the sample generator, the Flink job on a MiniCluster, the Spring
 * Batch billing job.
 */
final class DemoRun {

  private final Database db;
  private final DemoTraffic traffic;
  private final BillingDay day;
  private final WebhookInbox inbox;
  private final Path work;
  private final Path statementDir;

  /**
   * @param work where the samples file goes
   * @param statementDir where billing writes the statement files
   */
  DemoRun(Database db, DemoTraffic traffic, WebhookInbox inbox, Path work, Path statementDir) {
    this.db = db;
    this.traffic = traffic;
    this.day = traffic.day();
    this.inbox = inbox;
    this.work = work;
    this.statementDir = statementDir;
  }

  DemoResult play(Progress progress) throws Exception {
    DSLContext sql = db.dsl();
    DemoWorld world = new DemoWorld(sql, day);
    Map<String, String> ids =
        progress.step(
            "Seeding accounts, VPCs, peering connections, tariffs and alert policies",
            () -> {
              Map<String, String> built = world.exists() ? world.connectionIds() : world.build();
              new TariffRepository(sql).load(TariffCsv.read(tariffFile()));
              DemoPolicies.upsert(sql, built, inbox);
              return built;
            });

    Path samples = work.resolve("samples-" + day.date() + ".jsonl.gz");
    long lines =
        progress.step(
            "Generating the day's gateway samples (2 reporters per connection)",
            () -> traffic.write(ids, samples));

    DatabaseConfig connection = db.connectionConfig();
    MeteringRunSummary metering =
        progress.step(
            "Metering the samples (Flink MiniCluster: validate, dedupe, aggregate, alert)",
            () -> MeteringRunner.runFiles(connection, samples, WebhookInbox.webhooks()));

    progress.step(
        "Waiting for the alert webhooks to be delivered",
        () -> {
          DemoAlerts.awaitDeliveries(sql, Duration.ofSeconds(30));
          return null;
        });

    try (ConfigurableApplicationContext billing = billingContext(connection)) {
      BillingReport report =
          progress.step(
              "Billing the day (Spring Batch: expire, daily peaks, rate, lines, statements)",
              () -> billing.getBean(BillingRun.class).bill(day, false));
      Path pages = billing.getBean(BillingProperties.class).statementDir();
      // Rendered on request, as bills pages does: bill itself writes none.
      List<Path> written =
          "COMPLETED".equals(report.batchStatus())
              ? progress.step(
                  "Rendering the statement pages (bills pages --date "
                      + day.date()
                      + " --all-accounts)",
                  () -> billing.getBean(StatementPageFiles.class).write(day.date(), null, pages))
              : List.of();
      return new DemoResult(
          ids,
          samples,
          lines,
          metering,
          report,
          billing.getBean(BillLineRepository.class).linesOf(day.date(), null),
          billing.getBean(StatementRepository.class).statementsOf(day.date(), null),
          DemoAlerts.events(sql),
          inbox.notices(),
          pages,
          written);
    }
  }

  /** The billing application, on the same database (a second pool over the running server). */
  private ConfigurableApplicationContext billingContext(DatabaseConfig connection) {
    return new SpringApplicationBuilder(BillingApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(
            Map.of(
                "peerbill.db.url", connection.url(),
                "peerbill.db.user", connection.user() == null ? "" : connection.user(),
                "peerbill.db.password", connection.password() == null ? "" : connection.password(),
                "peerbill.billing.zone", day.zone().getId(),
                "peerbill.billing.statement-dir", statementDir.toString()))
        .run();
  }

  /** The compose stack's tariff file, shipped on the class path. */
  private Path tariffFile() throws IOException {
    Path file = work.resolve("tariffs.csv");
    try (InputStream in = DemoRun.class.getResourceAsStream("tariffs.csv")) {
      if (in == null) {
        throw new IllegalStateException("tariffs.csv is missing from the class path");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
