package io.peerbill.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.TrafficCounts;
import io.peerbill.billing.BillingDay;
import io.peerbill.cli.Main;
import io.peerbill.db.Database;
import io.peerbill.metering.MeteringRunSummary;
import io.peerbill.metering.MeteringRunner;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedSample;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1 and G2 where finance sees them: after a day is billed, replaying its samples changes no bill
 * line, and a sample never seen before revises exactly the line it belongs to.
 */
class BillsAcrossReplaysTest {

  static final BillingDay DAY =
      new BillingDay(LocalDate.of(2026, 11, 25), ZoneId.of("Asia/Shanghai"));

  @AfterEach
  void forgetDatabase() {
    System.clearProperty("peerbill.db.url");
    System.clearProperty("peerbill.db.user");
    System.clearProperty("peerbill.billing.statement-dir");
  }

  @Test
  void replayChangesNoBillAndANewSampleRevisesExactlyItsLine_G1_G2(@TempDir Path work)
      throws Exception {
    TestDatabase test = PostgresExtension.newDatabase();
    DemoResult day;
    try (Database db = Database.open(test.config());
        WebhookInbox inbox = new WebhookInbox("replay-test-secret")) {
      day =
          new DemoRun(
                  db,
                  new DemoTraffic(DAY, Duration.ofMinutes(5), true),
                  inbox,
                  work,
                  work.resolve("statements"))
              .play(new Progress(new PrintWriter(Writer.nullWriter()), 5));
    }
    System.setProperty("peerbill.db.url", test.jdbcUrl());
    System.setProperty("peerbill.db.user", test.user());
    System.setProperty("peerbill.billing.statement-dir", work.resolve("statements").toString());
    int lines = day.lines().size();
    assertThat(lines).isEqualTo(5);

    // Every other line of the day's file, last first, from a file of another name.
    List<String> resent = new ArrayList<>();
    List<String> all = gunzip(day.samples());
    for (int i = 0; i < all.size(); i += 2) {
      resent.add(all.get(i));
    }
    Collections.reverse(resent);
    Path replay = Files.write(work.resolve("gateway-resend.jsonl"), resent);
    MeteringRunSummary again = MeteringRunner.runFiles(test.config(), replay, false);
    assertThat(again.accepted()).isZero();

    String unchanged = dryRun();
    assertThat(unchanged).doesNotContain("[changed");
    assertThat(countOf(unchanged, "[unchanged]")).isEqualTo(lines);

    // A gateway's missed sample, sent a day late: 900 Mbps more for five minutes at noon, on a
    // link that peaks lower under a cap of 1000.
    String link = day.connectionIds().get("acme-initech-bj-fra");
    long noon = DAY.start().plus(Duration.ofHours(12)).toEpochMilli();
    GeneratedSample missed =
        new GeneratedSample(
            link, "gw-late", 1, noon, 300_000, new TrafficCounts(33_750_000_000L, 0, 1, 1, 0, 0));
    Path late = Files.write(work.resolve("missed.jsonl"), List.of(missed.json()));
    assertThat(MeteringRunner.runFiles(test.config(), late, false).accepted()).isEqualTo(1);

    String preview = dryRun();
    assertThat(countOf(preview, "[unchanged]")).isEqualTo(lines - 1);
    assertThat(preview.lines().filter(l -> l.contains("[changed")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith(link)
                    .contains("[changed: peak Mbps ")
                    .contains("billed Mbps ")
                    .contains("amount "));
  }

  private static String dryRun() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("bill", "--date", DAY.date().toString(), "--dry-run", "--all-accounts"))
          .isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static long countOf(String text, String marker) {
    return text.lines().filter(l -> l.contains(marker)).count();
  }

  private static List<String> gunzip(Path file) throws Exception {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    }
  }
}
