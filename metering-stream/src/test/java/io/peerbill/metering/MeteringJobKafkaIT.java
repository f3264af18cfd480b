package io.peerbill.metering;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.source.KafkaSamples;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.metering.testkit.InProcessKafka;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  @RegisterExtension static final InProcessKafka KAFKA = new InProcessKafka();

  @Test
  void kafkaRunStoresExactlyTheExpectedBucketsAndEveryRejection_D4_D12(TestDatabase db)
      throws Exception {
    String topic = "samples";
    KAFKA.createTopic(topic, 2);
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    KAFKA.sendKeyedByConnection(topic, input);

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
                    Set.of(),
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

  private static KafkaSource<RawRecord> topic(String topic, String group, Set<Integer> partitions) {
    return KafkaSamples.source(
        KAFKA.bootstrapServers(), topic, group, "earliest", true, partitions, new Properties());
  }

  private static List<String> lines(List<GeneratedRecord> records) {
    return records.stream().map(GeneratedRecord::line).toList();
  }

  @Test
  void replayOnAnotherTopicAtOtherOffsetsChangesNothing_G1(TestDatabase db) throws Exception {
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    KAFKA.createTopic("first", 2);
    KAFKA.sendAlternating("first", 2, lines(input));
    MeteringSettings settings = MeteringJobIT.settings(db);
    new MeteringJob(
            settings,
            topic("first", "g1", Set.of()),
            "kafka:first",
            MeteringSinks.postgres(settings, null))
        .run(MeteringEnvironment.create(settings));
    Map<String, String> minutes = ExpectedRows.storedBuckets(db.dsl(), false);
    Map<String, String> fives = ExpectedRows.storedBuckets(db.dsl(), true);

    // The counted samples resent, every other one, after some other traffic on the topic.
    List<GeneratedRecord> resent = new ArrayList<>();
    for (int i = 0; i < input.size(); i += 2) {
      if (input.get(i).counted()) {
        resent.add(input.get(i));
      }
    }
    KAFKA.createTopic("resent", 1);
    KAFKA.sendAlternating("resent", 1, lines(input.subList(0, 50)));
    KAFKA.sendAlternating("resent", 1, lines(resent));
    MeteringRunSummary replay =
        new MeteringJob(
                settings,
                topic("resent", "g2", Set.of()),
                "kafka:resent",
                MeteringSinks.postgres(settings, null))
            .run(MeteringEnvironment.create(settings));

    assertThat(replay.accepted()).isZero();
    assertThat(ExpectedRows.storedBuckets(db.dsl(), false)).isEqualTo(minutes);
    assertThat(ExpectedRows.storedBuckets(db.dsl(), true)).isEqualTo(fives);
  }

  /**
   * Scale-out: two jobs at once, each over one partition of a topic whose records are not keyed by
   * connection, so both add into the same rows (and lock the same ledger keys) concurrently.
   */
  @Test
  void twoJobsOverDisjointPartitionsSumIntoTheSameRows_G4(TestDatabase db) throws Exception {
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    KAFKA.createTopic("shared", 2);
    KAFKA.sendAlternating("shared", 2, lines(input));
    MeteringSettings settings = MeteringJobIT.settings(db).withParallelism(1);

    List<JobClient> jobs = new ArrayList<>();
    for (int partition : List.of(0, 1)) {
      StreamExecutionEnvironment env = MeteringEnvironment.create(settings);
      new MeteringJob(
              settings,
              topic("shared", "scale-out-" + partition, Set.of(partition)),
              "kafka:shared:[" + partition + "]",
              MeteringSinks.postgres(settings, null))
          .build(env);
      jobs.add(env.executeAsync("metering partition " + partition));
    }
    long accepted = 0;
    for (JobClient job : jobs) {
      accepted += MeteringRunSummary.of(job.getJobExecutionResult().get()).accepted();
    }

    assertThat(accepted).isEqualTo(input.stream().filter(GeneratedRecord::counted).count());
    assertThat(ExpectedRows.storedBuckets(db.dsl(), false))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 60_000));
    assertThat(ExpectedRows.storedBuckets(db.dsl(), true))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 300_000));
    assertThat(
            db.dsl()
                .fetchCount(
                    METERING_WATERMARK,
                    METERING_WATERMARK.STREAM.like("kafka:shared:%"),
                    METERING_WATERMARK.FINISHED.isTrue()))
        .isEqualTo(2);
  }
}
