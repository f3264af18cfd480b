package io.peerbill.metering.alert;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.alerting.PolicySnapshotLoader;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A policy's webhook secret stays out of Flink state and checkpoints (issue #14): the policies
 * broadcast into the evaluator carry none, so its checkpointed broadcast state holds none. The
 * sender looks the secret up in PostgreSQL when it signs.
 */
@ExtendWith(PostgresExtension.class)
class PolicySecretOutOfStateTest {

  /** The evaluator's checkpointed broadcast state after it received {@code snapshot}. */
  private static String checkpointedBroadcastState(TestDatabase db, PolicySnapshot snapshot)
      throws Exception {
    var function = new AlertPolicyEvaluator(AlertSettings.defaults(db.config()));
    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            function, PeriodTraffic::connectionId, Types.STRING, AlertPolicyEvaluator.POLICIES)) {
      harness.processBroadcastElement(snapshot, 0);
      OperatorSubtaskState state = harness.snapshot(1, 1);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (OperatorStateHandle handle : state.getManagedOperatorState()) {
        try (InputStream in = handle.openInputStream()) {
          in.transferTo(bytes);
        }
      }
      assertThat(bytes.size()).as("the broadcast state was checkpointed").isPositive();
      return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void theCheckpointedPoliciesHoldNoWebhookSecret(TestDatabase db) throws Exception {
    String cross = AlertFixtures.lifecycle(db.dsl()).cross();
    AlertPolicy policy =
        new AlertPolicyService(db.dsl())
            .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, "http://127.0.0.1:9/hook"));
    // Serializers may mark a string's last character: look for all but that one.
    String secretText = SECRET.substring(0, SECRET.length() - 1);

    PolicySnapshot loaded = new PolicySnapshotLoader(db.dsl()).load();
    String state = checkpointedBroadcastState(db, loaded);
    assertThat(state).contains("in-above-80").doesNotContain(secretText);

    // The check can see a secret: a snapshot that carried one would show it.
    PolicySnapshot withSecret =
        new PolicySnapshot(loaded.revision(), List.of(policy), loaded.connections());
    assertThat(checkpointedBroadcastState(db, withSecret)).contains(secretText);
  }
}
