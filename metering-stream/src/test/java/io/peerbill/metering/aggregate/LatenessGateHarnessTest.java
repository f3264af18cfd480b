package io.peerbill.metering.aggregate;

import static io.peerbill.metering.MeteringFixtures.CONNECTION;
import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.metering.MeteringFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The LATE decision (side output {@link LatenessGate#LATE}): by the input's own watermark, and the
 * same after a restore.
 */
class LatenessGateHarnessTest {

  private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(1).toMillis();
  private static final long LATENESS = Duration.ofMinutes(5).toMillis();

  private static OneInputStreamOperatorTestHarness<Sample, Sample> harness() throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProcessOperator<>(new LatenessGate(OUT_OF_ORDERNESS, LATENESS)));
  }

  private static Sample at(int minute, long seq) {
    return sample(CONNECTION, "gw", seq, DAY_START.plus(Duration.ofMinutes(minute)), 100, 100);
  }

  private static List<Long> passed(OneInputStreamOperatorTestHarness<Sample, Sample> h) {
    return h.extractOutputValues().stream().map(Sample::seq).toList();
  }

  private static List<Long> tooLate(OneInputStreamOperatorTestHarness<Sample, Sample> h) {
    return h.getSideOutput(LatenessGate.LATE).stream()
        .map(StreamRecord::getValue)
        .map(Sample::seq)
        .toList();
  }

  @Test
  void sampleBehindTheWatermarkWithinLatenessPassesBeyondItIsTooLate() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(at(60, 1)));
      // Watermark now 58:59.998 (newest ts - 1 ms - 1 min - 1 ms). The sample ending at 54:00
      // belongs to window [53:00, 54:00), kept until 53:59.999 + 5 min = 58:59.999: it counts.
      h.processElement(new StreamRecord<>(at(54, 2)));
      // The one ending at 53:00 belongs to [52:00, 53:00), purged at 57:59.999: LATE.
      h.processElement(new StreamRecord<>(at(53, 3)));
      assertThat(passed(h)).containsExactly(1L, 2L);
      assertThat(tooLate(h)).containsExactly(3L);
    }
  }

  @Test
  void noSampleCrossesTheShuffleWithItsInputPosition() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(at(60, 1)));
      h.processElement(new StreamRecord<>(at(53, 2)));
      Sample passed = h.extractOutputValues().get(0);
      Sample late = h.getSideOutput(LatenessGate.LATE).peek().getValue();

      assertThat(passed).isEqualTo(at(60, 1).withoutOrigin());
      assertThat(late).isEqualTo(at(53, 2).withoutOrigin());
    }
  }

  @Test
  void restoredGateDecidesAsTheUndisturbedOne() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(new StreamRecord<>(at(60, 1)));
      snapshot = h.snapshot(1, 1);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(new StreamRecord<>(at(30, 2)));
      restored.processElement(new StreamRecord<>(at(59, 3)));
      assertThat(tooLate(restored)).containsExactly(2L);
      assertThat(passed(restored)).containsExactly(3L);
    }
  }

  @Test
  void firstSampleIsNeverLate() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(
          new StreamRecord<>(sample(CONNECTION, "gw", 1, Instant.ofEpochMilli(61_000), 1, 1)));
      assertThat(passed(h)).containsExactly(1L);
    }
  }
}
