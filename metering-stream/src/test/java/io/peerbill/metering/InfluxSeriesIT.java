package io.peerbill.metering;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerbill.metering.sink.InfluxSeriesSink;
import io.peerbill.metering.sink.InfluxTarget;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.metering.testkit.VictoriaMetrics;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring series through the real influxdb-client-java into victoria-metrics (InfluxDB v2
 * write API), read back and compared with the aggregates the same run stored in PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class InfluxSeriesIT {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  @RegisterExtension static final VictoriaMetrics VICTORIA = new VictoriaMetrics();

  @TempDir Path dir;

  /** A cross-region connection (capped at 1000 Mbps) and a same-region one, both ACTIVE. */
  private List<String> connections;

  @BeforeEach
  void register(TestDatabase db) {
    connections = GeneratedFleet.register(db.dsl(), 2, DAY_START.minus(Duration.ofDays(1)));
  }

  private Path cleanInput() throws Exception {
    Path file = dir.resolve("samples.jsonl");
    List<GeneratedRecord> input = new ArrayList<>();
    SampleGenerator.forConnections(
            GeneratorSpec.clean(2, 2, DAY_START, Duration.ofMinutes(10), 7), connections)
        .generate(input::add);
    return MeteringFixtures.writeLines(file, input);
  }

  private static MeteringRunSummary run(MeteringSettings settings, Path file, InfluxTarget target)
      throws Exception {
    return new MeteringJob(
            settings,
            SampleFiles.source(file),
            "file",
            MeteringSinks.postgres(settings, new InfluxSeriesSink(target)))
        .run(MeteringEnvironment.create(settings));
  }

  @Test
  void pointsReadBackFromTheServerMatchTheStoredAggregates_D10(TestDatabase db) throws Exception {
    run(
        MeteringJobIT.settings(db),
        cleanInput(),
        InfluxTarget.of(VICTORIA.url(), "token", "peerbill", "traffic"));
    VICTORIA.flush();

    Map<String, Double> read = new HashMap<>();
    Map<String, JsonNode> labels = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : VICTORIA.export("{__name__=~\"peering_traffic_.*\"}").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode series = json.readTree(line);
      JsonNode metric = series.get("metric");
      String id = metric.get("connection_id").asText() + " " + metric.get("period").asText();
      labels.put(id, metric);
      for (int i = 0; i < series.get("timestamps").size(); i++) {
        read.put(
            metric.get("__name__").asText() + " " + id + " " + series.get("timestamps").get(i),
            series.get("values").get(i).asDouble());
      }
    }

    Map<String, Double> expected = new HashMap<>();
    expect(db, TRAFFIC_1M, 60, expected);
    expect(db, TRAFFIC_5M, 300, expected);
    // 10 one-minute and 2 five-minute buckets; 7 fields for the capped connection, 5 for the other.
    assertThat(expected).hasSize(10 * (7 + 5) + 2 * (7 + 5));
    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((k, v) -> assertThat(read.get(k)).as(k).isCloseTo(v, within(v * 1e-9)));

    JsonNode cross = labels.get(connections.get(0) + " 60s");
    assertThat(cross.get("scope").asText()).isEqualTo("CROSS_REGION");
    assertThat(cross.get("requester_region").asText()).isEqualTo("ap-guangzhou");
    assertThat(cross.get("accepter_region").asText()).isEqualTo("ap-beijing");
    assertThat(cross.get("account_id").asText()).isEqualTo(GeneratedFleet.ACCOUNT_A);
    assertThat(labels.get(connections.get(1) + " 300s").get("scope").asText())
        .isEqualTo("SAME_REGION");
  }

  /**
   * Every field of every stored bucket: bandwidth and packet rates, loss, and for the cross-region
   * connection (capped at 1000 Mbps) the cap use.
   */
  private void expect(TestDatabase db, Table<?> table, int period, Map<String, Double> expected) {
    for (Record r : db.dsl().selectFrom(table).fetch()) {
      String conn = r.get(TRAFFIC_1M.CONNECTION_ID.getName(), String.class);
      long ts =
          r.get(TRAFFIC_1M.BUCKET_START.getName(), java.time.OffsetDateTime.class)
              .toInstant()
              .toEpochMilli();
      long in = r.get("in_bytes", Long.class);
      long out = r.get("out_bytes", Long.class);
      long inPk = r.get("in_packets", Long.class);
      long outPk = r.get("out_packets", Long.class);
      long dropped = r.get("in_dropped", Long.class) + r.get("out_dropped", Long.class);
      String suffix = " " + conn + " " + period + "s " + ts;
      expected.put("peering_traffic_InBandwidth" + suffix, in * 8.0 / period);
      expected.put("peering_traffic_OutBandwidth" + suffix, out * 8.0 / period);
      expected.put("peering_traffic_InPkg" + suffix, (double) inPk / period);
      expected.put("peering_traffic_OutPkg" + suffix, (double) outPk / period);
      expected.put("peering_traffic_PkgDrop" + suffix, dropped * 100.0 / (inPk + outPk + dropped));
      if (conn.equals(connections.get(0))) {
        expected.put("peering_traffic_InbandRate" + suffix, in * 8.0 / period / 1e9 * 100);
        expected.put("peering_traffic_OutbandRate" + suffix, out * 8.0 / period / 1e9 * 100);
      }
    }
  }

  @Test
  void influxThatStaysDownFailsTheJobInsteadOfDroppingPoints_D10(TestDatabase db) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    InfluxTarget down = new InfluxTarget("http://127.0.0.1:" + closedPort, "t", "o", "b", 2, 10);
    assertThatThrownBy(() -> run(MeteringJobIT.settings(db), cleanInput(), down))
        .hasStackTraceContaining("InfluxDB at http://127.0.0.1:" + closedPort + " refused");
  }
}
