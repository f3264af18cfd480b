package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.gen.GeneratedRecord;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails after a completed checkpoint and restores from it leaves PostgreSQL exactly as
 * an undisturbed run over the same input does: upserts converge, rejections are one row per input
 * position, lateness decisions and dedupe state come back with the checkpoint.
 */
@ExtendWith(PostgresExtension.class)
class MeteringFaultIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();

  @TempDir Path dir;

  @Test
  void failedAndRestoredRunLeavesTheSameRowsAsAnUndisturbedOne(TestDatabase disturbed)
      throws Exception {
    TestDatabase undisturbed = PostgresExtension.newDatabase();
    Path file = dir.resolve("samples.jsonl");
    List<GeneratedRecord> input = MeteringJobIT.input("file:" + file);
    MeteringFixtures.writeLines(file, input);

    run(undisturbed, file, false);
    run(disturbed, file, true);

    assertThat(FAILED).isTrue();
    assertThat(CHECKPOINTS_BEFORE_FAILURE.get()).isPositive();
    assertThat(ExpectedRows.storedBuckets(disturbed.dsl(), false))
        .hasSizeGreaterThan(300)
        .isEqualTo(ExpectedRows.storedBuckets(undisturbed.dsl(), false));
    assertThat(ExpectedRows.storedBuckets(disturbed.dsl(), true))
        .isEqualTo(ExpectedRows.storedBuckets(undisturbed.dsl(), true));
    assertThat(rejections(disturbed.dsl())).isEqualTo(rejections(undisturbed.dsl()));
    assertThat(ExpectedRows.storedBuckets(disturbed.dsl(), false))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 60_000));
  }

  private static void run(TestDatabase db, Path file, boolean failOnce) throws Exception {
    MeteringJobIT.world(db.dsl());
    MeteringSettings settings =
        MeteringJobIT.settings(db)
            .withCheckpoints(Duration.ofMillis(100), "hashmap", 3, Duration.ofMillis(100));
    StreamExecutionEnvironment env = MeteringEnvironment.create(settings);
    MeteringStreams streams =
        new MeteringJob(
                settings, SampleFiles.source(file), "file", MeteringSinks.postgres(settings, null))
            .build(env);
    if (failOnce) {
      streams
          .minuteAggregates()
          .map(new PacedFailure())
          .name("paced failure")
          .sinkTo(new DiscardingSink<>());
    }
    env.execute("fault test");
  }

  private static String rejections(DSLContext sql) {
    return sql.fetch(
            "SELECT reason, detail, raw, source_position, connection_id, reporter, seq, ts,"
                + " interval_ms, in_bytes, out_bytes, in_packets, out_packets, in_dropped, out_dropped"
                + " FROM rejected_sample ORDER BY source_position::int")
        .formatCSV();
  }

  /**
   * A side branch that paces the job (so checkpoints complete while input remains) and, once per
   * test run, fails on the first aggregate after a checkpoint has completed.
   */
  static final class PacedFailure
      implements MapFunction<TrafficAggregate, TrafficAggregate>, CheckpointListener {
    private transient int completedCheckpoints;

    @Override
    public TrafficAggregate map(TrafficAggregate aggregate) throws Exception {
      Thread.sleep(2);
      if (completedCheckpoints > 0 && FAILED.compareAndSet(false, true)) {
        CHECKPOINTS_BEFORE_FAILURE.set(completedCheckpoints);
        throw new IllegalStateException("injected failure after a completed checkpoint");
      }
      return aggregate;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completedCheckpoints++;
    }
  }
}
