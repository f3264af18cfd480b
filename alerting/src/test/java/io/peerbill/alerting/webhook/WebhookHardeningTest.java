package io.peerbill.alerting.webhook;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static io.peerbill.alerting.AlertFixtures.SECRET;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.alerting.PolicySnapshotLoader;
import io.peerbill.alerting.WebhookSecretCipher;
import io.peerbill.alerting.WebhookTargetGuard;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks, hardened (issue #14): internal targets refused unless allow-listed, the secret sealed
 * at rest (AES-GCM) and kept out of what the stream holds in its state.
 */
@ExtendWith(PostgresExtension.class)
class WebhookHardeningTest {

  private static final WebhookTargetGuard NONE_ALLOWED = WebhookTargetGuard.allowing(List.of());
  private static final WebhookTargetGuard LOOPBACK =
      WebhookTargetGuard.allowing(List.of("127.0.0.1"));
  private static final WebhookSecretCipher KEY = WebhookSecretCipher.of(new byte[32]);

  private DSLContext dsl;
  private String cross;

  @BeforeEach
  void setUp(TestDatabase db) {
    dsl = db.dsl();
    cross = AlertFixtures.lifecycle(dsl).cross();
  }

  private AlertPolicy create(WebhookTargetGuard guard, String url) {
    return new AlertPolicyService(dsl, guard, KEY)
        .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, url));
  }

  @Test
  void aPolicyAimedAtAnInternalAddressIsRefusedWithItsCodeUnlessAllowListed() {
    for (String url :
        List.of(
            "http://127.0.0.1:9/hook",
            "http://[::1]/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.1/hook")) {
      assertThatThrownBy(() -> create(NONE_ALLOWED, url))
          .as(url)
          .isInstanceOfSatisfying(
              InvalidAlertPolicyException.class,
              e -> assertThat(e.code()).isEqualTo(WebhookTargetGuard.FORBIDDEN));
    }
    assertThat(dsl.fetchCount(ALERT_POLICY)).isZero();
    assertThat(create(LOOPBACK, "http://127.0.0.1:9/hook").spec().webhookUrl())
        .isEqualTo("http://127.0.0.1:9/hook");
  }

  @Test
  void theStoredSecretIsSealedAndOpensOnlyWithItsKey() {
    AlertPolicy policy = create(LOOPBACK, "http://127.0.0.1:9/hook");
    String stored = dsl.select(ALERT_POLICY.WEBHOOK_SECRET).from(ALERT_POLICY).fetchOne().value1();
    assertThat(stored).startsWith("v1:").doesNotContain(SECRET);
    assertThat(new AlertPolicyService(dsl, LOOPBACK, KEY).show(ALICE, policy.id()).spec())
        .extracting(s -> s.webhookSecret())
        .isEqualTo(SECRET);
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    assertThatThrownBy(() -> WebhookSecretCipher.of(otherKey).open(stored))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another key");
  }

  @Test
  void whatTheStreamBroadcastsIntoItsStateHoldsNoSecret() throws Exception {
    create(LOOPBACK, "http://127.0.0.1:9/hook");
    PolicySnapshot snapshot = new PolicySnapshotLoader(dsl).load();
    assertThat(snapshot.policies())
        .singleElement()
        .satisfies(p -> assertThat(p.spec().webhookSecret()).isNull());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(snapshot);
    }
    assertThat(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
  }

  @Test
  void theSenderChecksTheTargetAgainBeforeEachAttempt() {
    AlertPolicy policy = create(LOOPBACK, "http://127.0.0.1:9/hook");
    new AlertEventRepository(dsl)
        .record(AlertFixtures.notice(policy, AlertEventState.FIRING, DAY_START, 95));
    WebhookSettings strict = WebhookSettings.defaults().withTargets(NONE_ALLOWED);
    assertThat(new WebhookSender(dsl, strict, Clock.systemUTC(), KEY).sendDue()).isEqualTo(1);
    assertThat(
            dsl.select(WEBHOOK_ATTEMPT.OUTCOME, WEBHOOK_ATTEMPT.ERROR)
                .from(WEBHOOK_ATTEMPT)
                .fetchOne())
        .satisfies(
            r -> {
              assertThat(r.value1()).isEqualTo("CONNECTION_ERROR");
              assertThat(r.value2()).startsWith(WebhookTargetGuard.FORBIDDEN + ": ");
            });
  }
}
