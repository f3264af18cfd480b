package io.peerbill.metering.aggregate;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.metering.MeteringFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedFleet;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bucket aggregation as the job runs it: 1-minute buckets summed over reporters with the
 * connection's tags and cap, 5-minute buckets as the sum of their minutes, corrected re-emissions
 * for late samples, and nothing left behind once the lateness has passed.
 */
@ExtendWith(PostgresExtension.class)
class BucketAggregatorHarnessTest {

  private static final long T0 = DAY_START.toEpochMilli();
  private static final long LATENESS = Duration.ofMinutes(5).toMillis();

  /** A cross-region connection (Guangzhou–Beijing, capped), ACTIVE since the day before. */
  private String connection;

  @BeforeEach
  void register(TestDatabase db) {
    connection = GeneratedFleet.register(db.dsl(), 1, DAY_START.minus(Duration.ofDays(1))).get(0);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> harness(
      TestDatabase db) throws Exception {
    return harness(db, LATENESS);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> harness(
      TestDatabase db, long lateness) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new BucketAggregator(lateness, JdbcTarget.of(db.config()), 60_000)),
            Sample::connectionId,
            Types.STRING);
    h.open();
    return h;
  }

  private StreamRecord<Sample> at(String reporter, long seq, int second, long in) {
    Sample s = sample(connection, reporter, seq, DAY_START.plusSeconds(second), in, 2 * in);
    return new StreamRecord<>(s, s.countedAt());
  }

  @Test
  void sumsReportersTagsTheConnectionAndCorrectsLateWithinLateness_D4_D10(TestDatabase db)
      throws Exception {
    try (var h = harness(db)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processElement(at("gw-2", 1, 60, 500));
      h.processWatermark(T0 + 60_000);
      h.processElement(at("gw-3", 1, 30, 250));

      var emitted = minutes(h);
      assertThat(emitted).hasSize(2);
      TrafficAggregate first = emitted.get(0);
      assertThat(first.bucketStart()).isEqualTo(T0);
      assertThat(first.periodSeconds()).isEqualTo(60);
      assertThat(first.counts().inBytes()).isEqualTo(1_500);
      assertThat(first.counts().outBytes()).isEqualTo(3_000);
      assertThat(first.sampleCount()).isEqualTo(2);
      assertThat(first.scope()).isEqualTo("CROSS_REGION");
      assertThat(first.requesterRegion()).isEqualTo("ap-guangzhou");
      assertThat(first.accepterRegion()).isEqualTo("ap-beijing");
      assertThat(first.accountId()).isEqualTo(GeneratedFleet.ACCOUNT_A);
      assertThat(first.capMbps()).isEqualTo(GeneratedFleet.CROSS_REGION_CAP_MBPS);
      assertThat(first.inBps()).isEqualTo(1_500 * 8 / 60.0);
      TrafficAggregate corrected = emitted.get(1);
      assertThat(corrected.counts().inBytes()).isEqualTo(1_750);
      assertThat(corrected.sampleCount()).isEqualTo(3);
    }
  }

  @Test
  void fiveMinuteBucketIsTheSumOfItsMinutesAndIsCorrectedByALateSample_D5(TestDatabase db)
      throws Exception {
    try (var h = harness(db)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processElement(at("gw-1", 2, 120, 2_000));
      h.processElement(at("gw-1", 3, 240, 4_000));
      h.processWatermark(T0 + 299_999);
      assertThat(minutes(h))
          .extracting(TrafficAggregate::bucketStart, a -> a.counts().inBytes())
          .containsExactly(
              tuple(T0, 1_000L), tuple(T0 + 60_000, 2_000L), tuple(T0 + 180_000, 4_000L));
      assertThat(fives(h))
          .extracting(
              TrafficAggregate::bucketStart,
              a -> a.counts().inBytes(),
              TrafficAggregate::sampleCount)
          .containsExactly(tuple(T0, 7_000L, 3));

      h.processElement(at("gw-2", 1, 180, 500));
      assertThat(minutes(h))
          .last()
          .extracting(TrafficAggregate::bucketStart, a -> a.counts().inBytes())
          .containsExactly(T0 + 120_000, 500L);
      assertThat(fives(h))
          .last()
          .extracting(TrafficAggregate::periodSeconds, a -> a.counts().inBytes())
          .containsExactly(300, 7_500L);
    }
  }

  private static java.util.List<TrafficAggregate> minutes(
      KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> h) {
    return period(h, TrafficAggregate.MINUTE);
  }

  private static java.util.List<TrafficAggregate> fives(
      KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> h) {
    return period(h, TrafficAggregate.FIVE_MINUTES);
  }

  private static java.util.List<TrafficAggregate> period(
      KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> h, int seconds) {
    return h.extractOutputValues().stream().filter(a -> a.periodSeconds() == seconds).toList();
  }

  @Test
  void leavesNoStateOrTimersOnceTheLatenessHasPassed(TestDatabase db) throws Exception {
    try (var h = harness(db)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processWatermark(T0 + 60_000);
      assertThat(h.numKeyedStateEntries()).isPositive();
      h.processWatermark(T0 + 299_999 + LATENESS - 1);
      assertThat(h.numKeyedStateEntries()).as("its 5-minute bucket is still open").isPositive();
      h.processWatermark(T0 + 299_999 + LATENESS);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aLatenessOfPartMinutesNeverEmitsABucketBeforeItsEnd(TestDatabase db) throws Exception {
    try (var h = harness(db, 90_000)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processElement(at("gw-1", 2, 420, 2_000));
      // The first bucket's cleanup timer (5 min + 90 s) falls inside the second's minute 6..7.
      h.processWatermark(T0 + 389_999);
      assertThat(minutes(h)).extracting(TrafficAggregate::bucketStart).containsExactly(T0);
      h.processWatermark(T0 + 419_999);
      assertThat(minutes(h))
          .extracting(TrafficAggregate::bucketStart, a -> a.counts().inBytes())
          .containsExactly(tuple(T0, 1_000L), tuple(T0 + 360_000, 2_000L));
    }
  }
}
