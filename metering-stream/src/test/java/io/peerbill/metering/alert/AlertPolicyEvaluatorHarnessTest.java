package io.peerbill.metering.alert;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.alerting.PolicySnapshotLoader;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
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

  /** A cross-region connection with a policy on its inbound bandwidth (3 minutes above 80). */
  private static String watchedConnection(TestDatabase db) {
    String cross = AlertFixtures.lifecycle(db.dsl()).cross();
    new AlertPolicyService(db.dsl())
        .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, "http://127.0.0.1:9/hook"));
    return cross;
  }

  /** An evaluator in the harness that has received the policies stored in {@code db}. */
  private static KeyedBroadcastOperatorTestHarness<
          String, PeriodTraffic, PolicySnapshot, AlertEvent>
      evaluator(TestDatabase db, AlertSettings settings) throws Exception {
    var harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new AlertPolicyEvaluator(settings),
            PeriodTraffic::connectionId,
            Types.STRING,
            AlertPolicyEvaluator.POLICIES);
    harness.processBroadcastElement(new PolicySnapshotLoader(db.dsl()).load(), 0);
    return harness;
  }

  @Test
  void aSilentConnectionLeavesNoStateOrTimersAfterItsSilenceLimit_D11(TestDatabase db)
      throws Exception {
    String cross = watchedConnection(db);
    AlertSettings settings = AlertSettings.defaults(db.config());
    assertThat(settings.silenceLimit()).isEqualTo(SILENCE_LIMIT);
    try (var harness = evaluator(db, settings)) {
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

  /** A fresh evaluator restored from {@code state}, as a job restarted from a checkpoint. */
  private static KeyedBroadcastOperatorTestHarness<
          String, PeriodTraffic, PolicySnapshot, AlertEvent>
      restored(AlertSettings settings, OperatorSubtaskState state) throws Exception {
    var harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new AlertPolicyEvaluator(settings), List.of(AlertPolicyEvaluator.POLICIES)),
            PeriodTraffic::connectionId,
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    harness.initializeState(state);
    harness.open();
    return harness;
  }

  @Test
  void aPeriodPendingAtACheckpointIsEvaluatedWithItsCountersAfterARestore_D11(TestDatabase db)
      throws Exception {
    assertThat(TypeInformation.of(PeriodTraffic.class))
        .as("pending periods are checkpointed by Flink's POJO serializer, counters included")
        .isInstanceOf(PojoTypeInfo.class);
    String cross = watchedConnection(db);
    AlertSettings settings = AlertSettings.defaults(db.config());
    Instant third = DAY_START.plusSeconds(120);
    OperatorSubtaskState checkpoint;
    try (var harness = evaluator(db, settings)) {
      for (int minute = 0; minute < 3; minute++) {
        Instant start = DAY_START.plusSeconds(60L * minute);
        harness.processElement(AlertFixtures.minuteAt(cross, start, 120), start.toEpochMilli());
      }
      harness.watermark(third.toEpochMilli() - 1);
      assertThat(states(harness)).as("two of the three periods the policy needs").isEmpty();
      checkpoint = harness.snapshot(1, 1);
    }

    try (var harness = restored(settings, checkpoint)) {
      harness.watermark(third.plusSeconds(60).toEpochMilli() - 1);
      assertThat(states(harness))
          .as("the third period, pending at the checkpoint, fires the policy")
          .containsExactly(AlertEventState.FIRING);
    }
  }
}
