package io.peerbill.metering.alert;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.PolicySnapshotLoader;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator in Flink's operator harness (D11): it fires and resolves as the state machine says,
 * and a connection that goes silent leaves nothing behind once its silence limit has passed: its
 * silence timers stop re-registering themselves and its keyed state is gone, so a job that has seen
 * many connections come and go does not carry them in every checkpoint.
 */
@ExtendWith(PostgresExtension.class)
class AlertPolicyEvaluatorHarnessTest {

  private static final Duration SILENCE_LIMIT = Duration.ofMinutes(30);

  private static List<AlertEventState> states(
      KeyedBroadcastOperatorTestHarness<String, PeriodTraffic, ?, AlertEvent> harness) {
    return harness.extractOutputValues().stream().map(AlertEvent::state).toList();
  }

  /** Entries of every keyed state of the evaluator (the broadcast harness does not count them). */
  private static int keyedStateEntries(
      KeyedBroadcastOperatorTestHarness<String, PeriodTraffic, ?, AlertEvent> harness) {
    var backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
  }

  @Test
  void aSilentConnectionLeavesNoStateOrTimersAfterItsSilenceLimit_D11(TestDatabase db)
      throws Exception {
    String cross = AlertFixtures.lifecycle(db.dsl()).cross();
    new AlertPolicyService(db.dsl())
        .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, "http://127.0.0.1:9/hook"));
    AlertSettings settings = AlertSettings.defaults(db.config());
    assertThat(settings.silenceLimit()).isEqualTo(SILENCE_LIMIT);
    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new AlertPolicyEvaluator(settings),
            PeriodTraffic::connectionId,
            Types.STRING,
            AlertPolicyEvaluator.POLICIES)) {
      harness.processBroadcastElement(new PolicySnapshotLoader(db.dsl()).load(), 0);
      Instant end = DAY_START;
      for (int minute = 0; minute < 4; minute++) {
        Instant start = DAY_START.plusSeconds(60L * minute);
        end = start.plusSeconds(60);
        harness.processElement(AlertFixtures.minuteAt(cross, start, 120), start.toEpochMilli());
        harness.watermark(end.toEpochMilli() - 1);
      }
      assertThat(states(harness)).containsExactly(AlertEventState.FIRING);
      assertThat(keyedStateEntries(harness)).isPositive();

      // Silent periods count as no inbound traffic: the alert resolves within the limit.
      harness.watermark(end.plus(SILENCE_LIMIT).toEpochMilli() - 1);
      assertThat(states(harness)).containsExactly(AlertEventState.FIRING, AlertEventState.RESOLVED);

      harness.watermark(end.plus(SILENCE_LIMIT).plusSeconds(3600).toEpochMilli());
      assertThat(harness.numEventTimeTimers()).as("timers after the silence limit").isZero();
      assertThat(keyedStateEntries(harness)).as("state after the silence limit").isZero();
    }
  }
}
