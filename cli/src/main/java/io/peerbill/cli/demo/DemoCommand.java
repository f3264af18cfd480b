package io.peerbill.cli.demo;

import io.peerbill.billing.BillingDay;
import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline on one day: seed a world of accounts, VPCs and peering connections,"
          + " generate the day's gateway samples, meter them with the Flink job (alerts to a local"
          + " webhook receiver), bill the day, and print the bills, alerts and rejected input.",
      "Runs again safely (the same world and day give the same bills); --fresh starts from an"
          + " empty embedded database."
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--date",
      defaultValue = "2026-11-25",
      description = "The billing day to play out (default: ${DEFAULT-VALUE}).")
  LocalDate date;

  @Option(
      names = "--zone",
      defaultValue = "Asia/Shanghai",
      description = "Zone of the billing day (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(
      names = "--interval",
      defaultValue = "60",
      description = "Seconds between a gateway's samples (default: ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--fresh", description = "Wipe the embedded database first.")
  boolean fresh;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DatabaseConfig config = DatabaseConfig.fromEnvironment();
    if (fresh) {
      DemoReset.wipe(config, out);
    }
    BillingDay day = new BillingDay(date, zone);
    Path work = Files.createDirectories(config.home().resolve("demo"));
    try (Database db = Database.open(config);
        WebhookInbox inbox = new WebhookInbox("demo-webhook-secret")) {
      out.println("peerbill demo: billing day " + day + " on " + db.describe());
      DemoTraffic traffic = new DemoTraffic(day, Duration.ofSeconds(intervalSeconds), true);
      DemoRun run = new DemoRun(db, traffic, inbox, work, config.home().resolve("statements"));
      DemoResult result = run.play(new Progress(out, 6));
      new DemoReport(out).print(result);
      return result.billing().succeeded() ? 0 : 3;
    }
  }
}
