package io.peerbill.api;

import static io.peerbill.schema.jooq.Tables.BILLABLE_TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.metering.MeteringRunner;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import io.peerbill.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Usage read-back (issue 14): a day of samples through the metering job, then the connection-day's
 * traffic over HTTP equals the stored 5-minute buckets (D10 metrics from their counters), and the
 * day's bills over HTTP equal the lines {@code bills show} prints, for the paying account only
 * (D8).
 */
class UsageReadBackTest extends ApiTestBase {

  static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired DSLContext dsl;
  @Autowired BillLineRepository lines;
  @Autowired StatementRepository statements;

  @Test
  void trafficOfAConnectionDayIsTheStoredBucketsAndBillsAreWhatBillsShowReads_D5_D8_D10()
      throws Exception {
    Party acme = party("acme");
    Party globex = party("globex");
    Instant dayStart = DAY.atStartOfDay(SHANGHAI).toInstant();
    String id = activeSinceTheDayBefore(acme, globex, dayStart);
    Path samples = Files.createTempFile("usage-", ".jsonl");
    Files.write(samples, minuteSamples(id, dayStart));
    MeteringRunner.runFiles(database().config(), samples, false);

    Http http = http();
    String range = "from=2026-11-20T00:00:00%2B08:00&to=2026-11-21T00:00:00%2B08:00";
    Response traffic =
        http.get(
            "/v1/peering-connections/" + id + "/traffic?" + range + "&period=300s", globex.key());
    assertThat(traffic.status()).as(traffic.toString()).isEqualTo(200);
    JsonNode body = traffic.json();
    List<Record> stored =
        dsl
            .selectFrom(BILLABLE_TRAFFIC_5M)
            .where(BILLABLE_TRAFFIC_5M.CONNECTION_ID.eq(id))
            .orderBy(BILLABLE_TRAFFIC_5M.BUCKET_START)
            .fetch()
            .stream()
            .map(r -> (Record) r)
            .toList();
    assertThat(stored).hasSize(288);
    assertThat(body.get("buckets").size()).isEqualTo(288);
    assertThat(body.get("coverage").get("buckets_with_data").asInt()).isEqualTo(288);
    assertThat(body.get("coverage").get("buckets_active").asInt()).isEqualTo(288);
    for (int i = 0; i < 288; i++) {
      JsonNode b = body.get("buckets").get(i);
      Record r = stored.get(i);
      assertThat(Instant.parse(b.get("bucket_start").asString()))
          .isEqualTo(r.get(BILLABLE_TRAFFIC_5M.BUCKET_START).toInstant());
      assertThat(b.get("in_bytes").asLong()).isEqualTo(r.get(BILLABLE_TRAFFIC_5M.IN_BYTES));
      assertThat(b.get("out_bytes").asLong()).isEqualTo(r.get(BILLABLE_TRAFFIC_5M.OUT_BYTES));
      assertThat(b.get("in_packets").asLong()).isEqualTo(r.get(BILLABLE_TRAFFIC_5M.IN_PACKETS));
      assertThat(b.get("out_dropped").asLong()).isEqualTo(r.get(BILLABLE_TRAFFIC_5M.OUT_DROPPED));
      assertThat(b.get("sample_count").asInt()).isEqualTo(r.get(BILLABLE_TRAFFIC_5M.SAMPLE_COUNT));
      assertThat(b.get("InBandwidth").asDouble())
          .isEqualTo(r.get(BILLABLE_TRAFFIC_5M.IN_BYTES) * 8 / 300.0);
      // % of the 1000 Mbps cap (double arithmetic: equal up to rounding of the last bit).
      assertThat(b.get("InbandRate").asDouble())
          .isCloseTo(
              r.get(BILLABLE_TRAFFIC_5M.IN_BYTES) * 8 / 300.0 / 1e6 / 1000 * 100,
              org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    // The stream ran with its defaults, which keep no minutes in PostgreSQL: 60 s says so.
    Response minutes =
        http.get(
            "/v1/peering-connections/" + id + "/traffic?" + range + "&period=60s", globex.key());
    assertThat(minutes.status()).as(minutes.toString()).isEqualTo(409);
    assertThat(minutes.json().get("code").asString()).isEqualTo("MINUTES_NOT_KEPT");

    Response loaded =
        http.send(
            "POST",
            "/v1/operator/tariffs",
            operatorKey(),
            "text/csv",
            Files.readString(Path.of("..", "deploy", "seed", "tariffs.csv")));
    assertThat(loaded.status()).as(loaded.toString()).isEqualTo(201);
    String operator = operatorKey();
    JsonNode run =
        finishedBillingRun(
            billingRunUrl(
                http.post("/v1/operator/billing-runs", operator, "{\"date\":\"" + DAY + "\"}")),
            operator);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
    assertThat(run.get("periods").get(0).get("exit_code").asString()).isEqualTo("COMPLETED");

    Response bills = http.get("/v1/bills?date=" + DAY, acme.key());
    List<BillLine> shown = lines.linesOf(DAY, acme.id()); // what `bills show --account` prints
    assertThat(shown).hasSize(1);
    List<String> served = new ArrayList<>();
    bills.json().get("items").forEach(l -> served.add(describe(l)));
    assertThat(served).containsExactly(describe(shown.get(0)));
    assertThat(shown.get(0).coverage()).isEqualTo("288/288");
    assertThat(http.get("/v1/bills?date=" + DAY, globex.key()).json().get("total").asInt())
        .isZero(); // the accepter does not pay (D8)
    JsonNode statement = http.get("/v1/statements/" + DAY, acme.key()).json();
    assertThat(statement.get("statements").get(0).get("total").asString())
        .isEqualTo(statements.statementsOf(DAY, acme.id()).get(0).total().toPlainString());
  }

  private String activeSinceTheDayBefore(Party acme, Party globex, Instant dayStart) {
    MutableClock clock = new MutableClock(dayStart.minusSeconds(86_400));
    Peering past = new Peering(dsl, clock, PeeringSettings.DEFAULTS);
    String gz = region("cn-mainland");
    String bj = region("cn-mainland");
    String a = past.vpcs().create(acme.id(), gz, "a", List.of(CidrBlock.parse("10.1.0.0/16"))).id();
    String b =
        past.vpcs().create(globex.id(), bj, "b", List.of(CidrBlock.parse("10.2.0.0/16"))).id();
    Connection c =
        past.connections()
            .create(acme.id(), new ConnectionRequest("gz-bj", a, b, globex.id(), bj, 1000));
    return past.connections().accept(globex.id(), c.id()).id();
  }

  /** One reporter, one sample a minute, counters that differ from minute to minute. */
  private static List<String> minuteSamples(String id, Instant dayStart) {
    List<String> out = new ArrayList<>();
    for (int m = 0; m < 1440; m++) {
      long ts = dayStart.plusSeconds(60L * (m + 1)).toEpochMilli();
      out.add(
          String.format(
              "{\"connection_id\":\"%s\",\"reporter\":\"gw-1\",\"seq\":%d,\"ts\":%d,"
                  + "\"interval_ms\":60000,\"in_bytes\":%d,\"out_bytes\":%d,\"in_packets\":%d,"
                  + "\"out_packets\":%d,\"in_dropped\":%d,\"out_dropped\":%d}",
              id,
              m,
              ts,
              1_000_000_000L + 7_919L * m,
              500_000_000L + 104_729L * (m % 97),
              800_000L + m,
              400_000L + 3L * m,
              m % 5,
              m % 3));
    }
    return out;
  }

  private static String describe(JsonNode l) {
    return String.join(
        " ",
        l.get("connection_id").asString(),
        l.get("payer_account_id").asString(),
        l.get("status").asString(),
        l.get("peak_mbps").asString(),
        l.get("billed_mbps").asString(),
        l.get("amount").asString(),
        l.get("currency").asString(),
        l.get("coverage").asString());
  }

  private static String describe(BillLine l) {
    return String.join(
        " ",
        l.connectionId(),
        l.payerAccountId(),
        l.status().name(),
        l.peakMbps().toPlainString(),
        l.billedMbps().toPlainString(),
        l.amount().toPlainString(),
        l.currency(),
        l.coverage());
  }
}
