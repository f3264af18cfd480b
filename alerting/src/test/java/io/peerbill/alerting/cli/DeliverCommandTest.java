package io.peerbill.alerting.cli;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.webhook.WebhookReceiver;
import io.peerbill.db.Database;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code alerts deliver}: the delivery worker on its own sends what the stream queued (D11). */
@ExtendWith(PostgresExtension.class)
class DeliverCommandTest {

  private static String deliverOnce(TestDatabase db) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new AlertsCommand(() -> Database.open(db.config())));
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("deliver", "--once")).isZero();
    return out.toString();
  }

  /** Alice's in-bandwidth policy on a cross-region connection, notifying {@code receiver}. */
  private static AlertPolicy policyNotifying(TestDatabase db, WebhookReceiver receiver) {
    String cross = AlertFixtures.lifecycle(db.dsl()).cross();
    return new AlertPolicyService(db.dsl())
        .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, receiver.url()));
  }

  @Test
  void deliverOnceSendsEveryQueuedNoticeSignedAndNothingTwice_D11(TestDatabase db)
      throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      AlertPolicy policy = policyNotifying(db, receiver);
      AlertEventRepository events = new AlertEventRepository(db.dsl());
      events.record(AlertFixtures.notice(policy, AlertEventState.FIRING, DAY_START, 95));
      events.record(
          AlertFixtures.notice(policy, AlertEventState.RESOLVED, DAY_START.plusSeconds(60), 10));

      assertThat(deliverOnce(db)).isEqualTo("webhook attempts: 2\n");
      // Signed with the policy's secret (notices checks every signature).
      assertThat(receiver.notices(AlertFixtures.SECRET, DAY_START))
          .containsExactly("FIRING 0 95.0", "RESOLVED 1 10.0");

      assertThat(deliverOnce(db)).isEqualTo("webhook attempts: 0\n");
      assertThat(receiver.received()).hasSize(2);
    }
  }

  /**
   * A database from before secrets were encrypted holds a policy's secret as written; the first
   * delivery round seals it in place (revision kept) and the notice is signed with it all the same.
   */
  @Test
  void aSecretStoredInTheClearIsSealedByTheFirstDeliveryAndStillSigns_D11(TestDatabase db)
      throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      AlertPolicy policy = policyNotifying(db, receiver);
      // The row as it was stored before encryption: only a direct write can make it now.
      db.dsl()
          .update(ALERT_POLICY)
          .set(ALERT_POLICY.WEBHOOK_SECRET, AlertFixtures.SECRET)
          .where(ALERT_POLICY.ID.eq(policy.id()))
          .execute();
      new AlertEventRepository(db.dsl())
          .record(AlertFixtures.notice(policy, AlertEventState.FIRING, DAY_START, 95));

      assertThat(deliverOnce(db)).isEqualTo("webhook attempts: 1\n");

      assertThat(receiver.notices(AlertFixtures.SECRET, DAY_START))
          .containsExactly("FIRING 0 95.0");
      var row = db.dsl().fetchSingle(ALERT_POLICY, ALERT_POLICY.ID.eq(policy.id()));
      assertThat(row.getWebhookSecret()).startsWith("v1:").doesNotContain(AlertFixtures.SECRET);
      assertThat(row.getRevision()).isEqualTo(policy.revision());
      assertThat(new AlertPolicyService(db.dsl()).show(ALICE, policy.id()).spec().webhookSecret())
          .isEqualTo(AlertFixtures.SECRET);
    }
  }
}
