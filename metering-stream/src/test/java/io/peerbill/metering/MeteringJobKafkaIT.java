package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.gen.GeneratedRecord;
import io.peerbill.metering.source.KafkaSamples;
import io.peerbill.metering.testkit.InProcessKafka;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same known input as {@link MeteringJobIT}, through a real in-process Kafka broker (two
 * partitions, samples keyed by connection), read by the job at parallelism 2.
 */
@ExtendWith(PostgresExtension.class)
class MeteringJobKafkaIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @RegisterExtension static final InProcessKafka KAFKA = new InProcessKafka();

  @Test
  void kafkaRunStoresExactlyTheExpectedBucketsAndEveryRejection_D4_D12(TestDatabase db)
      throws Exception {
    MeteringJobIT.world(db.dsl());
    String topic = "samples";
    KAFKA.createTopic(topic, 2);
    List<GeneratedRecord> input = MeteringJobIT.input("kafka:" + topic);
    KAFKA.send(
        topic,
        input.stream()
            .<Map.Entry<String, String>>map(
                r ->
                    new SimpleEntry<>(
                        r.sample() == null ? null : r.sample().connectionId(), r.line()))
            .toList());

    MeteringSettings settings = MeteringJobIT.settings(db);
    MeteringRunSummary summary =
        new MeteringJob(
                settings,
                KafkaSamples.source(
                    KAFKA.bootstrapServers(),
                    topic,
                    "metering-it",
                    "earliest",
                    true,
                    java.util.Set.of(),
                    new Properties()),
                "kafka",
                MeteringSinks.postgres(settings, null))
            .run(MeteringEnvironment.create(settings));

    DSLContext sql = db.dsl();
    assertThat(ExpectedRows.expectedBuckets(input, 60_000)).hasSizeGreaterThan(300);
    ExpectedRows.assertStoredExactly(sql, input);
    assertThat(
            sql.fetchValue(
                "SELECT count(*) FROM rejected_sample WHERE source = ? AND source_position ~ ?",
                "kafka:" + topic,
                "^[01]:[0-9]+$"))
        .isEqualTo((long) sql.fetchCount(io.peerbill.schema.jooq.Tables.REJECTED_SAMPLE));
    MeteringJobIT.assertCountInvariants(sql, summary, input);
  }
}
