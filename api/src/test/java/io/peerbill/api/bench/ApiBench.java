package io.peerbill.api.bench;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;

import io.peerbill.api.ApiApplication;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.bench.ProcessCpu;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API bench (not a test): the real server on loopback over a throwaway embedded PostgreSQL,
 * {@value #CLIENTS} clients each sending one request after another. {@code GET traffic} of one
 * connection-day (288 buckets) and {@code GET bills} of an account-day with 1,000 lines: requests/s
 * and p50/p99 latency. Run: {@code ./mvnw -q -o -pl api -am -DskipTests -Papi-bench verify}.
 */
public final class ApiBench {

  static final int CLIENTS = 16;
  static final int WARM_UP_SECONDS = 5;
  static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  public static void main(String[] args) throws Exception {
    TestDatabase db = PostgresExtension.newDatabase();
    try (ConfigurableApplicationContext context =
        ApiApplication.start(
            "--server.port=0",
            "--peerbill.db.url=" + db.jdbcUrl(),
            "--peerbill.db.user=" + db.user(),
            "--peerbill.api.deliver-webhooks=false",
            "--peerbill.billing.statement-dir="
                + Files.createTempDirectory("peerbill-api-bench"))) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      DSLContext sql = context.getBean(DSLContext.class);
      String connection = seedConnectionDay(sql);
      seedBillLines(sql, "acme", 1000);
      String key = context.getBean(ApiKeys.class).createForAccount("acme", "bench").token();
      String base = "http://127.0.0.1:" + port;
      String traffic =
          base
              + "/v1/peering-connections/"
              + connection
              + "/traffic?from=2026-11-25T00:00:00%2B08:00&to=2026-11-26T00:00:00%2B08:00";
      String bills = base + "/v1/bills?date=" + DAY + "&limit=1000";
      String only = System.getProperty("bench.only", "");
      if (!only.equals("bills")) {
        System.out.println(run("GET traffic (1 connection-day, 288 buckets)", traffic, key));
      }
      if (!only.equals("traffic")) {
        System.out.println(run("GET bills (1 account-day, 1,000 lines)", bills, key));
      }
    }
  }

  private static String run(String name, String url, String key) throws Exception {
    load(url, key, WARM_UP_SECONDS);
    Optional<ProcessHandle> self = Optional.of(ProcessHandle.current());
    double cpuBefore = ProcessCpu.of(self);
    long[][] perClient = load(url, key, SECONDS);
    double cpu = ProcessCpu.of(self) - cpuBefore;
    long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
    // CPU per request (server, clients and PostgreSQL: this JVM and its children) tells the cost
    // apart from the machine's other load, which only stretches the wall clock.
    return String.format(
        "%-45s %d clients, %d s: %,d requests, %,.0f req/s, p50 %.1f ms, p99 %.1f ms,"
            + " CPU %.2f ms/request (server, clients and PostgreSQL)",
        name,
        CLIENTS,
        SECONDS,
        all.length,
        all.length / (double) SECONDS,
        all[all.length / 2] / 1e6,
        all[(int) (all.length * 0.99)] / 1e6,
        cpu * 1000 / all.length);
  }

  /** Each client's request latencies (ns) over {@code seconds}; every answer must be 200. */
  private static long[][] load(String url, String key, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      futures.add(
          pool.submit(
              () -> {
                HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .build();
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  HttpResponse<byte[]> r =
                      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  long t = System.nanoTime() - t0;
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + new String(r.body()));
                  }
                  if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                  }
                  latencies[n++] = t;
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    long[][] out = new long[CLIENTS][];
    for (int c = 0; c < CLIENTS; c++) {
      out[c] = futures.get(c).get();
    }
    pool.shutdown();
    return out;
  }

  /** Two accounts, an ACTIVE cross-region connection since the day before, 288 stored buckets. */
  private static String seedConnectionDay(DSLContext sql) {
    Instant dayStart = DAY.atStartOfDay(SHANGHAI).toInstant();
    Peering past =
        new Peering(sql, new MutableClock(dayStart.minusSeconds(86_400)), PeeringSettings.DEFAULTS);
    past.directory().registerRegion("ap-guangzhou", "Guangzhou", "cn-mainland");
    past.directory().registerRegion("ap-beijing", "Beijing", "cn-mainland");
    past.directory().registerAccount("acme", "Acme");
    past.directory().registerAccount("globex", "Globex");
    String a =
        past.vpcs()
            .create("acme", "ap-guangzhou", "a", List.of(CidrBlock.parse("10.1.0.0/16")))
            .id();
    String b =
        past.vpcs()
            .create("globex", "ap-beijing", "b", List.of(CidrBlock.parse("10.2.0.0/16")))
            .id();
    Connection c =
        past.connections()
            .create("acme", new ConnectionRequest("gz-bj", a, b, "globex", "ap-beijing", 1000));
    past.connections().accept("globex", c.id());
    sql.execute(
        "SELECT traffic_ensure_partitions(?::date, ?::date)",
        DAY.minusDays(1).toString(),
        DAY.plusDays(1).toString());
    var insert =
        sql.insertInto(TRAFFIC_5M)
            .columns(
                TRAFFIC_5M.CONNECTION_ID,
                TRAFFIC_5M.BUCKET_START,
                TRAFFIC_5M.IN_BYTES,
                TRAFFIC_5M.OUT_BYTES,
                TRAFFIC_5M.IN_PACKETS,
                TRAFFIC_5M.OUT_PACKETS,
                TRAFFIC_5M.IN_DROPPED,
                TRAFFIC_5M.OUT_DROPPED,
                TRAFFIC_5M.SAMPLE_COUNT);
    for (int i = 0; i < 288; i++) {
      insert =
          insert.values(
              c.id(),
              OffsetDateTime.ofInstant(dayStart.plusSeconds(300L * i), ZoneOffset.UTC),
              30_000_000_000L + i * 1_000_000L,
              20_000_000_000L + i * 700_000L,
              25_000_000L + i,
              18_000_000L + i,
              (long) (i % 7),
              (long) (i % 3),
              10);
    }
    insert.execute();
    return c.id();
  }

  /** {@code count} lines the account pays on the day (connection ids need no rows, V43). */
  private static void seedBillLines(DSLContext sql, String account, int count) {
    var insert =
        sql.insertInto(BILL_LINE)
            .columns(
                BILL_LINE.CONNECTION_ID,
                BILL_LINE.BILL_DAY,
                BILL_LINE.ZONE,
                BILL_LINE.PAYER_ACCOUNT_ID,
                BILL_LINE.PAIR_CLASS,
                BILL_LINE.STATUS,
                BILL_LINE.PEAK_MBPS,
                BILL_LINE.CAP_MBPS,
                BILL_LINE.BILLED_MBPS,
                BILL_LINE.AMOUNT,
                BILL_LINE.CURRENCY,
                BILL_LINE.BUCKETS_WITH_DATA,
                BILL_LINE.BUCKETS_ACTIVE);
    for (int i = 0; i < count; i++) {
      BigDecimal mbps = new BigDecimal(100 + i).setScale(2);
      insert =
          insert.values(
              String.format("pcx-bench%04d", i),
              DAY,
              SHANGHAI.getId(),
              account,
              "cn-mainland:cn-mainland",
              "BILLED",
              mbps,
              5000,
              mbps,
              mbps.multiply(new BigDecimal("1.54")).setScale(2),
              "CNY",
              288,
              288);
    }
    insert.execute();
  }
}
