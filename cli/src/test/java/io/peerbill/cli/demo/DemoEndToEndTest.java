package io.peerbill.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.db.Database;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratedSample;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's day end to end at small scale (5-minute gateway samples): the peering service builds
 * the world, the Flink job meters a generated day with faults, alerts go to a real local webhook
 * receiver, the Spring Batch job bills the day. Expected bills are computed here from the labelled
 * generated samples and the scenario's timeline, independently of the pipeline.
 */
@ExtendWith(PostgresExtension.class)
class DemoEndToEndTest {

  private static final BillingDay DAY =
      new BillingDay(LocalDate.of(2026, 11, 25), ZoneId.of("Asia/Shanghai"));
  private static final Instant DELETED_AT = DAY.start().plus(Duration.ofHours(13));
  private static final long BUCKET_MS = 300_000;

  private static DemoResult result;
  private static List<GeneratedRecord> records;

  @BeforeAll
  static void playTheDay(@TempDir Path work) throws Exception {
    TestDatabase test = PostgresExtension.newDatabase();
    DemoTraffic traffic = new DemoTraffic(DAY, Duration.ofMinutes(5), true);
    try (Database db = Database.open(test.config());
        WebhookInbox inbox = new WebhookInbox("end-to-end-webhook-secret")) {
      DemoRun run = new DemoRun(db, traffic, inbox, work, work.resolve("statements"));
      result = run.play(new Progress(new PrintWriter(Writer.nullWriter()), 5));
    }
    records = new ArrayList<>();
    traffic.generate(result.connectionIds(), records::add);
  }

  private static String id(String name) {
    return result.connectionIds().get(name);
  }

  private static Map<String, BillLine> linesByConnection() {
    return result.lines().stream()
        .collect(Collectors.toMap(BillLine::connectionId, Function.identity()));
  }

  /** Per 5-minute bucket start: {in bytes, out bytes} of the samples billing counts (D5, D9). */
  private static Map<Long, long[]> billedBuckets(String connectionId, Instant activeUntil) {
    Map<Long, long[]> buckets = new TreeMap<>();
    for (GeneratedRecord r : records) {
      GeneratedSample s = r.sample();
      boolean counts = r.counted();
      if (s == null || !counts || !s.connectionId().equals(connectionId)) {
        continue;
      }
      long at = s.ts() - 1;
      if (at < DAY.start().toEpochMilli()
          || at >= DAY.end().toEpochMilli()
          || at >= activeUntil.toEpochMilli()) {
        continue;
      }
      long[] sums = buckets.computeIfAbsent(at - Math.floorMod(at, BUCKET_MS), k -> new long[2]);
      sums[0] += s.counts().inBytes();
      sums[1] += s.counts().outBytes();
    }
    return buckets;
  }

  /** D5 + D6: the day's peak of max(in, out) in Mbps, capped at the day's highest cap, rounded. */
  private static BigDecimal billedMbps(String name, int highestCap, Instant activeUntil) {
    long peakBytes =
        billedBuckets(id(name), activeUntil).values().stream()
            .mapToLong(b -> Math.max(b[0], b[1]))
            .max()
            .orElseThrow();
    BigDecimal peakMbps =
        BigDecimal.valueOf(peakBytes * 8)
            .divide(BigDecimal.valueOf(300L * 1_000_000), 12, RoundingMode.HALF_UP);
    return peakMbps.min(BigDecimal.valueOf(highestCap)).setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void volumeTierPricesTheCappedPeak_D6_D7() {
    // Acme's own Guangzhou-Beijing link: cap 500 raised to 800 at 14:00; billed on the higher cap.
    BigDecimal billed = billedMbps(DemoWorld.GZ_BJ, 800, DAY.end());
    BigDecimal unit =
        billed.compareTo(new BigDecimal("500")) < 0
            ? new BigDecimal("1.54")
            : new BigDecimal("1.50");
    BillLine line = linesByConnection().get(id(DemoWorld.GZ_BJ));
    assertThat(line.status()).isEqualTo(LineStatus.BILLED);
    assertThat(line.payerAccountId()).isEqualTo(DemoWorld.ACME);
    assertThat(line.capMbps()).isEqualTo(800);
    assertThat(line.billedMbps()).isEqualByComparingTo(billed);
    assertThat(line.amount()).isEqualByComparingTo(money(billed.multiply(unit)));
  }

  @Test
  void peakAboveCapIsBilledAtTheCap_D6() {
    BillLine line = linesByConnection().get(id(DemoWorld.SG_FRA));
    assertThat(billedMbps(DemoWorld.SG_FRA, 200, DAY.end())).isEqualByComparingTo("200.00");
    assertThat(line.billedMbps()).isEqualByComparingTo("200.00");
    assertThat(line.amount()).isEqualByComparingTo("360.00"); // 200 x 1.80 overseas volume tier
  }

  @Test
  void graduatedTiersPriceEachSlice_D7() {
    BigDecimal billed = billedMbps(DemoWorld.BJ_FRA, 1000, DAY.end());
    BigDecimal first = billed.min(new BigDecimal("100"));
    BigDecimal rest = billed.subtract(first).max(BigDecimal.ZERO);
    BigDecimal expected =
        money(first.multiply(new BigDecimal("3.20")).add(rest.multiply(new BigDecimal("2.80"))));
    assertThat(linesByConnection().get(id(DemoWorld.BJ_FRA)).amount())
        .isEqualByComparingTo(expected);
  }

  @Test
  void deletedMidDayIsBilledOnItsActivePartAndTheRequesterPays_D8_D9_R7() {
    BillLine line = linesByConnection().get(id(DemoWorld.SH_BJ_DELETED));
    BigDecimal billed = billedMbps(DemoWorld.SH_BJ_DELETED, 300, DELETED_AT);
    assertThat(line.payerAccountId()).isEqualTo(DemoWorld.GLOBEX);
    assertThat(line.billedMbps()).isEqualByComparingTo(billed);
    assertThat(line.amount()).isEqualByComparingTo(money(billed.multiply(new BigDecimal("1.54"))));
    assertThat(line.bucketsActive()).isEqualTo(13 * 12);
    // Its gateways kept reporting after the deletion: those samples were refused.
    assertThat(result.metering().rejected())
        .containsKey(io.peerbill.metering.model.RejectReason.NOT_ACTIVE);
  }

  @Test
  void sameRegionIsAFreeLineAndUnacceptedRequestsAreNotBilled_D9_R11() {
    Map<String, BillLine> lines = linesByConnection();
    BillLine free = lines.get(id(DemoWorld.GZ_SAME_REGION));
    assertThat(free.status()).isEqualTo(LineStatus.FREE);
    assertThat(free.amount()).isEqualByComparingTo("0.00");
    assertThat(lines).doesNotContainKeys(id(DemoWorld.PENDING), id(DemoWorld.REJECTED));
    assertThat(lines).hasSize(5);
    assertThat(result.billing().succeeded()).isTrue();
  }

  @Test
  void statementTotalsAddUpPerPayer_D8() {
    Map<String, BigDecimal> expected = new HashMap<>();
    for (BillLine line : result.lines()) {
      expected.merge(line.payerAccountId(), line.amount(), BigDecimal::add);
    }
    result
        .statements()
        .forEach(s -> assertThat(s.total()).isEqualByComparingTo(expected.get(s.accountId())));
    assertThat(result.statements())
        .extracting(s -> s.accountId())
        .containsExactlyInAnyOrder(DemoWorld.ACME, DemoWorld.GLOBEX);
  }

  /** Issue 15: bill renders no pages; the demo then writes each payer's, as bills pages does. */
  @Test
  void theDemoWritesEachPayersStatementPageAfterBilling() throws Exception {
    assertThat(result.pages())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "statement-" + DemoWorld.ACME + "-" + result.billing().day().date() + ".html",
            "statement-" + DemoWorld.GLOBEX + "-" + result.billing().day().date() + ".html");
    for (java.nio.file.Path page : result.pages()) {
      assertThat(page.getParent()).isEqualTo(result.statementDir());
      assertThat(Files.readString(page)).contains("<h1>Peering statement</h1>");
    }
  }

  @Test
  void inputIsAllAccountedFor() throws Exception {
    var m = result.metering();
    assertThat(m.input()).isEqualTo(result.sampleLines());
    assertThat(m.accepted() + m.duplicates() + m.rejectedTotal()).isEqualTo(m.input());
    assertThat(Files.size(result.samples())).isPositive();
  }

  /**
   * D11: the at-cap policy (InbandRate >= 95 % over 5 minutes, 3 periods in a row, recovery
   * notified) fires and resolves exactly when the day's inbound traffic says so, and every notice
   * reached the receiver signed.
   */
  @Test
  void atCapPolicyFiresAndResolvesOnTheTrafficAndEveryNoticeIsSigned_D11() {
    List<String> expected = new ArrayList<>();
    int breaching = 0;
    boolean firing = false;
    for (Map.Entry<Long, long[]> bucket : streamBuckets(id(DemoWorld.SG_FRA)).entrySet()) {
      double inMbps = bucket.getValue()[0] * 8 / 300.0 / 1e6;
      boolean breach = inMbps / 200 * 100 >= 95;
      String end = Instant.ofEpochMilli(bucket.getKey() + BUCKET_MS).toString();
      breaching = breach ? breaching + 1 : 0;
      if (breach && breaching >= 3 && !firing) {
        firing = true;
        expected.add("FIRING " + end);
      } else if (!breach && firing) {
        firing = false;
        expected.add("RESOLVED " + end);
      }
    }
    List<String> actual =
        result.alerts().stream()
            .filter(a -> a.policy().equals(DemoPolicies.AT_CAP))
            .filter(a -> !a.state().equals("REPEAT"))
            .map(a -> a.state() + " " + a.windowEnd())
            .toList();
    assertThat(expected).isNotEmpty();
    assertThat(actual).isEqualTo(expected);
    assertThat(result.notices())
        .hasSize(result.alerts().size())
        .allMatch(WebhookInbox.Notice::signatureValid);
  }

  /** The stream's own 5-minute buckets: counted samples only (too-late ones never reach alerts). */
  private static Map<Long, long[]> streamBuckets(String connectionId) {
    Map<Long, long[]> buckets = new TreeMap<>();
    for (GeneratedRecord r : records) {
      GeneratedSample s = r.sample();
      if (s == null
          || !r.outcome().equals(GeneratedRecord.COUNTED)
          || !s.connectionId().equals(connectionId)) {
        continue;
      }
      long at = s.ts() - 1;
      long[] sums = buckets.computeIfAbsent(at - Math.floorMod(at, BUCKET_MS), k -> new long[2]);
      sums[0] += s.counts().inBytes();
      sums[1] += s.counts().outBytes();
    }
    return buckets;
  }
}
