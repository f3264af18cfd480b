package io.peerbill.metering.aggregate;

import static io.peerbill.metering.MeteringFixtures.CONNECTION;
import static io.peerbill.metering.MeteringFixtures.ONE_MINUTE_LATER;
import static io.peerbill.metering.MeteringFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.Sample;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** (connection, reporter, seq) counts once, on time or late (wire format v1). */
class SampleDeduplicatorHarnessTest {

  private static final Duration HORIZON = Duration.ofHours(1);

  private static KeyedTwoInputStreamOperatorTestHarness<String, Sample, Sample, Sample> harness()
      throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new SampleDeduplicator(HORIZON)),
            Sample::connectionId,
            Sample::connectionId,
            Types.STRING);
    h.open();
    return h;
  }

  private static Sample seq(String reporter, long seq) {
    return sample(CONNECTION, reporter, seq, ONE_MINUTE_LATER, 100, 200);
  }

  @Test
  void repeatedIdCountsOnceAndOtherReportersAreDistinct_D4() throws Exception {
    try (var h = harness()) {
      h.processElement1(new StreamRecord<>(seq("gw-1", 7)));
      h.processElement1(new StreamRecord<>(seq("gw-1", 7)));
      h.processElement1(new StreamRecord<>(seq("gw-2", 7)));
      h.processElement1(new StreamRecord<>(seq("gw-1", 8)));
      assertThat(h.extractOutputValues())
          .extracting(s -> s.reporter() + "#" + s.seq())
          .containsExactly("gw-1#7", "gw-2#7", "gw-1#8");
    }
  }

  @Test
  void lateSampleGoesToTheLedgerOnceButNotToTheSeriesBuckets_G2() throws Exception {
    try (var h = harness()) {
      h.processElement2(new StreamRecord<>(seq("gw-1", 1)));
      h.processElement2(new StreamRecord<>(seq("gw-1", 1)));
      h.processElement1(new StreamRecord<>(seq("gw-1", 1)));
      assertThat(h.extractOutputValues()).extracting(Sample::seq).containsExactly(1L);
      assertThat(h.getSideOutput(SampleDeduplicator.ON_TIME)).isNull();
    }
  }

  @Test
  void onTimeSampleGoesToTheLedgerAndTheSeriesBucketsAndItsLateRepeatIsADuplicate()
      throws Exception {
    try (var h = harness()) {
      h.processElement1(new StreamRecord<>(seq("gw-1", 1)));
      h.processElement2(new StreamRecord<>(seq("gw-1", 1)));
      assertThat(h.extractOutputValues()).hasSize(1);
      assertThat(h.getSideOutput(SampleDeduplicator.ON_TIME)).hasSize(1);
    }
  }

  @Test
  void connectionsStateIsGoneOnceEventTimePassesTheHorizon() throws Exception {
    try (var h = harness()) {
      h.processElement1(new StreamRecord<>(seq("gw-1", 1)));
      h.processElement2(new StreamRecord<>(seq("gw-2", 1)));
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      assertThat(h.numEventTimeTimers()).isEqualTo(1);

      h.processBothWatermarks(new Watermark(ONE_MINUTE_LATER.plus(HORIZON).toEpochMilli()));
      assertThat(h.numKeyedStateEntries()).as("before the horizon").isEqualTo(1);

      h.processBothWatermarks(
          new Watermark(ONE_MINUTE_LATER.plus(HORIZON.multipliedBy(2)).toEpochMilli()));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aQuietReporterIsForgottenWhileAnActiveOneOnTheSameConnectionIsKept() throws Exception {
    try (var h = harness()) {
      h.processElement1(new StreamRecord<>(seq("gw-1", 1)));
      Sample later =
          sample(CONNECTION, "gw-2", 1, ONE_MINUTE_LATER.plus(HORIZON.multipliedBy(2)), 1, 1);
      h.processElement1(new StreamRecord<>(later));
      h.processBothWatermarks(new Watermark(later.ts()));
      h.processElement1(new StreamRecord<>(seq("gw-1", 1)));
      h.processElement1(new StreamRecord<>(later));
      assertThat(h.extractOutputValues())
          .extracting(s -> s.reporter() + "#" + s.seq())
          .containsExactly("gw-1#1", "gw-2#1", "gw-1#1");
    }
  }
}
