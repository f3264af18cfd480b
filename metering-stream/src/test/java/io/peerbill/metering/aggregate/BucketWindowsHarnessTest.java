package io.peerbill.metering.aggregate;

import static io.peerbill.metering.MeteringFixtures.CONNECTION;
import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.metering.MeteringFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.gen.ConnectionSeeder;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The 1-minute bucket window as the job builds it: sums over reporters, the connection's tags and
 * cap, a corrected re-emission for a late sample, and nothing left behind after the lateness.
 */
@ExtendWith(PostgresExtension.class)
class BucketWindowsHarnessTest {

  private static final long T0 = DAY_START.toEpochMilli();
  private static final long LATENESS = Duration.ofMinutes(5).toMillis();

  @SuppressWarnings("unchecked")
  private static KeyedOneInputStreamOperatorTestHarness<String, Sample, TrafficAggregate> harness(
      TestDatabase db) throws Exception {
    var env = StreamExecutionEnvironment.getExecutionEnvironment();
    var samples = env.fromData(sample(CONNECTION, "gw", 1, DAY_START, 1, 1));
    var windowed =
        BucketWindows.aggregate(
            samples.keyBy(Sample::connectionId, Types.STRING),
            Duration.ofMinutes(1),
            Duration.ofMillis(LATENESS),
            JdbcTarget.of(db.config()),
            60_000);
    var transformation =
        (OneInputTransformation<Sample, TrafficAggregate>) windowed.getTransformation();
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            (OneInputStreamOperator<Sample, TrafficAggregate>)
                ((SimpleOperatorFactory<TrafficAggregate>) transformation.getOperatorFactory())
                    .getOperator(),
            Sample::connectionId,
            Types.STRING);
    h.open();
    return h;
  }

  private static StreamRecord<Sample> at(String reporter, long seq, int second, long in) {
    Sample s = sample(CONNECTION, reporter, seq, DAY_START.plusSeconds(second), in, 2 * in);
    return new StreamRecord<>(s, s.countedAt());
  }

  @Test
  void sumsReportersTagsTheConnectionAndCorrectsLateWithinLateness_D4_D10(TestDatabase db)
      throws Exception {
    ConnectionSeeder.seed(db.dsl(), 1, DAY_START.minus(Duration.ofDays(1)));
    try (var h = harness(db)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processElement(at("gw-2", 1, 60, 500));
      h.processWatermark(T0 + 60_000);
      h.processElement(at("gw-3", 1, 30, 250));

      var emitted = h.extractOutputValues();
      assertThat(emitted).hasSize(2);
      TrafficAggregate first = emitted.get(0);
      assertThat(first.bucketStart()).isEqualTo(T0);
      assertThat(first.periodSeconds()).isEqualTo(60);
      assertThat(first.inBytes()).isEqualTo(1_500);
      assertThat(first.outBytes()).isEqualTo(3_000);
      assertThat(first.sampleCount()).isEqualTo(2);
      assertThat(first.scope()).isEqualTo("CROSS_REGION");
      assertThat(first.requesterRegion()).isEqualTo("ap-guangzhou");
      assertThat(first.accepterRegion()).isEqualTo("ap-beijing");
      assertThat(first.accountId()).isEqualTo(ConnectionSeeder.ACCOUNT_A);
      assertThat(first.capMbps()).isEqualTo(ConnectionSeeder.CROSS_REGION_CAP_MBPS);
      assertThat(first.inBps()).isEqualTo(1_500 * 8 / 60.0);
      TrafficAggregate corrected = emitted.get(1);
      assertThat(corrected.inBytes()).isEqualTo(1_750);
      assertThat(corrected.sampleCount()).isEqualTo(3);
    }
  }

  @Test
  void leavesNoStateOrTimersOnceTheLatenessHasPassed(TestDatabase db) throws Exception {
    ConnectionSeeder.seed(db.dsl(), 1, DAY_START.minus(Duration.ofDays(1)));
    try (var h = harness(db)) {
      h.processElement(at("gw-1", 1, 60, 1_000));
      h.processWatermark(T0 + 60_000);
      assertThat(h.numKeyedStateEntries()).isPositive();
      h.processWatermark(T0 + 59_999 + LATENESS);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }
}
