package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that fails after a completed checkpoint and restores from it leaves PostgreSQL exactly as
 * an undisturbed run over the same input does: upserts converge, rejections are one row per input
 * position, lateness decisions and dedupe state come back with the checkpoint (RocksDB state
 * backend here, the heap one elsewhere).
 */
@ExtendWith(PostgresExtension.class)
class MeteringFaultIT {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();

  static final String SOURCE = "test:fault";
  static final int LINES_PER_CHECKPOINT = 150;

  @Test
  void failedAndRestoredRunLeavesTheSameRowsAsAnUndisturbedOne(TestDatabase disturbed)
      throws Exception {
    List<GeneratedRecord> input = JobWorld.register(disturbed.dsl()).input();
    TestDatabase undisturbed = PostgresExtension.copyOf(disturbed);
    ArrayList<String> lines = new ArrayList<>(input.stream().map(GeneratedRecord::line).toList());

    run(undisturbed, lines, false);
    run(disturbed, lines, true);

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

  /**
   * The lines in order from one reader, {@value #LINES_PER_CHECKPOINT} per checkpoint, so the input
   * is still flowing when checkpoints complete, however busy the machine.
   */
  private static DataGeneratorSource<RawRecord> paced(ArrayList<String> lines) {
    GeneratorFunction<Long, RawRecord> line =
        i -> new RawRecord(SOURCE, Long.toString(i + 1), lines.get(i.intValue()));
    return new DataGeneratorSource<>(
        line,
        lines.size(),
        RateLimiterStrategy.perCheckpoint(LINES_PER_CHECKPOINT),
        TypeInformation.of(RawRecord.class));
  }

  private static void run(TestDatabase db, ArrayList<String> lines, boolean failOnce)
      throws Exception {
    MeteringSettings settings =
        MeteringJobIT.settings(db)
            .withInputParallelism(1)
            .withCheckpoints(Duration.ofMillis(100), "rocksdb", 3, Duration.ofMillis(100));
    StreamExecutionEnvironment env = MeteringEnvironment.create(settings);
    MeteringStreams streams =
        new MeteringJob(settings, paced(lines), "paced", MeteringSinks.postgres(settings, null))
            .build(env);
    if (failOnce) {
      streams
          .aggregates()
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

  /** A side branch that fails, once per test run, on the first aggregate after a checkpoint. */
  static final class PacedFailure
      implements MapFunction<TrafficAggregate, TrafficAggregate>, CheckpointListener {
    private transient int completedCheckpoints;

    @Override
    public TrafficAggregate map(TrafficAggregate aggregate) throws Exception {
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
