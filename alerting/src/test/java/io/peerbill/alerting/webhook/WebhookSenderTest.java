package io.peerbill.alerting.webhook;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static io.peerbill.alerting.AlertFixtures.SECRET;
import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.AlertState;
import io.peerbill.alerting.Await;
import io.peerbill.alerting.ConnectionFacts;
import io.peerbill.alerting.PolicyEvaluation;
import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signed webhooks from the outbox to a real local HTTP server (D11). */
@ExtendWith(PostgresExtension.class)
class WebhookSenderTest {

  /** A timeout no answering receiver comes near, even on a loaded machine. */
  private static final WebhookSettings SETTINGS =
      new WebhookSettings(
          Duration.ofSeconds(30),
          3,
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          8,
          Duration.ofMillis(50));

  /** For the receiver that never answers: the test need not wait long for the timeout. */
  private static final WebhookSettings SHORT_TIMEOUT =
      new WebhookSettings(
          Duration.ofMillis(500),
          3,
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          8,
          Duration.ofMillis(50));

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final MutableClock clock = new MutableClock(Instant.now().plusSeconds(60));
  private DSLContext dsl;
  private String cross;
  private AlertPolicy policy;
  private WebhookSender sender;

  @BeforeEach
  void setUp(TestDatabase db) {
    dsl = db.dsl();
    cross = AlertFixtures.lifecycle(dsl).cross();
    policy =
        new AlertPolicyService(dsl)
            .create(ALICE, AlertFixtures.inBandwidthAbove80(cross, receiver.url()));
    sender = new WebhookSender(dsl, SETTINGS, clock);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private AlertEvent firing(Instant windowStart, double mbps) {
    PolicyEvaluation.Outcome o =
        PolicyEvaluation.evaluate(
            policyFiringAtOnce(),
            new ConnectionFacts(cross, ALICE, ALICE, true, 100, "ACTIVE"),
            AlertState.IDLE,
            AlertFixtures.minuteAt(cross, windowStart, (long) mbps));
    return o.event();
  }

  private AlertPolicy policyFiringAtOnce() {
    AlertPolicySpec s = policy.spec();
    return new AlertPolicy(
        policy.id(),
        policy.revision(),
        ALICE,
        true,
        new AlertPolicySpec(
            s.name(),
            s.metric(),
            s.comparison(),
            s.threshold(),
            s.period(),
            1,
            s.severity(),
            s.connectionId(),
            s.repeat(),
            s.notifyOnRecovery(),
            s.webhookUrl(),
            s.webhookSecret()));
  }

  private List<Record3<Integer, String, Integer>> attempts() {
    return dsl.select(WEBHOOK_ATTEMPT.ATTEMPT, WEBHOOK_ATTEMPT.OUTCOME, WEBHOOK_ATTEMPT.HTTP_STATUS)
        .from(WEBHOOK_ATTEMPT)
        .orderBy(WEBHOOK_ATTEMPT.ATTEMPT)
        .fetch();
  }

  private String deliveryStatus(AlertEvent e) {
    return dsl.select(WEBHOOK_DELIVERY.STATUS)
        .from(WEBHOOK_DELIVERY)
        .where(WEBHOOK_DELIVERY.EVENT_ID.eq(java.util.UUID.fromString(e.id())))
        .fetchOne(WEBHOOK_DELIVERY.STATUS);
  }

  @Test
  void aNewEventIsPostedOnceWithASignedJsonBody_D11() throws Exception {
    AlertEvent event = firing(DAY_START, 90);
    assertThat(new AlertEventRepository(dsl).record(event)).isTrue();

    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).as("nothing left to send").isZero();

    assertThat(receiver.received()).hasSize(1);
    WebhookReceiver.Received got = receiver.received().get(0);
    assertThat(got.signedWith(SECRET)).isTrue();
    assertThat(got.signedWith("another-secret-of-16")).isFalse();
    assertThat(got.timestamp()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(got.eventId()).isEqualTo(event.id().toString());
    JsonNode body = new ObjectMapper().readTree(got.body());
    assertThat(body.get("event_id").asText()).isEqualTo(event.id().toString());
    assertThat(body.get("state").asText()).isEqualTo("FIRING");
    assertThat(body.at("/policy/id").asLong()).isEqualTo(policy.id());
    assertThat(body.at("/policy/name").asText()).isEqualTo("in-above-80");
    assertThat(body.get("connection_id").asText()).isEqualTo(cross);
    assertThat(body.get("metric").asText()).isEqualTo("InBandwidth");
    assertThat(body.get("comparator").asText()).isEqualTo(">");
    assertThat(body.get("value").decimalValue()).isEqualByComparingTo("90");
    assertThat(body.get("threshold").decimalValue()).isEqualByComparingTo("80");
    assertThat(body.get("severity").asText()).isEqualTo("warn");
    assertThat(body.at("/window/start").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(body.at("/window/end").asText()).isEqualTo("2026-11-25T00:01:00Z");
    assertThat(body.at("/window/period_seconds").asInt()).isEqualTo(60);
    assertThat(deliveryStatus(event)).isEqualTo("DELIVERED");
    assertThat(attempts())
        .extracting(r -> r.value2() + " " + r.value3())
        .containsExactly("DELIVERED 200");
  }

  @Test
  void a500IsRetriedWithBackoffThreeTimesThenMarkedFailed_D11() {
    receiver.answer(500);
    AlertEvent event = firing(DAY_START, 90);
    new AlertEventRepository(dsl).record(event);

    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).as("the first retry waits 10 s").isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(sender.sendDue()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(19));
    assertThat(sender.sendDue()).as("the second retry waits 20 s").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sender.sendDue()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(40));
    assertThat(sender.sendDue()).isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(sender.sendDue()).as("3 retries, then no more").isZero();

    assertThat(deliveryStatus(event)).isEqualTo("FAILED");
    assertThat(attempts())
        .extracting(r -> r.value1() + " " + r.value2() + " " + r.value3())
        .containsExactly(
            "1 HTTP_ERROR 500", "2 HTTP_ERROR 500", "3 HTTP_ERROR 500", "4 HTTP_ERROR 500");
    assertThat(receiver.received()).hasSize(4).allMatch(r -> r.signedWith(SECRET));
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::body)
        .containsOnly(receiver.received().get(0).body());
  }

  @Test
  void aDeliveryThatSucceedsOnARetryIsDone_D11() {
    receiver.answerInTurn(503, 200);
    AlertEvent event = firing(DAY_START, 90);
    new AlertEventRepository(dsl).record(event);
    sender.sendDue();
    clock.advance(Duration.ofSeconds(10));
    sender.sendDue();
    clock.advance(Duration.ofHours(1));
    assertThat(sender.sendDue()).isZero();
    assertThat(deliveryStatus(event)).isEqualTo("DELIVERED");
    assertThat(attempts())
        .extracting(r -> r.value2() + " " + r.value3())
        .containsExactly("HTTP_ERROR 503", "DELIVERED 200");

    // What the account reads of it (the API's webhook deliveries): its own, never another's.
    WebhookOutbox outbox = new WebhookOutbox(dsl, SETTINGS);
    java.util.UUID id = java.util.UUID.fromString(event.id());
    assertThat(outbox.deliveriesOf(ALICE))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo(id);
              assertThat(d.status()).isEqualTo("DELIVERED");
              assertThat(d.attempts()).isEqualTo(2);
              assertThat(d.finishedAt().getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
            });
    assertThat(outbox.attemptsOf(ALICE, id).orElseThrow())
        .extracting(a -> a.attempt() + " " + a.outcome() + " " + a.httpStatus())
        .containsExactly("1 HTTP_ERROR 503", "2 DELIVERED 200");
    assertThat(outbox.deliveriesOf(AlertFixtures.BOB)).isEmpty();
    assertThat(outbox.attemptsOf(AlertFixtures.BOB, id)).isEmpty();
  }

  @Test
  void anEndpointThatDoesNotAnswerTimesOutAndTheAttemptIsRecorded_D11() {
    receiver.answer(WebhookReceiver.HANG);
    AlertEvent event = firing(DAY_START, 90);
    new AlertEventRepository(dsl).record(event);
    assertThat(new WebhookSender(dsl, SHORT_TIMEOUT, clock).sendDue()).isEqualTo(1);
    assertThat(attempts())
        .extracting(r -> r.value2() + " " + r.value3())
        .containsExactly("TIMEOUT null");
    assertThat(
            dsl.select(WEBHOOK_DELIVERY.STATUS, WEBHOOK_DELIVERY.LAST_ERROR)
                .from(WEBHOOK_DELIVERY)
                .fetchOne())
        .extracting(r -> r.value1() + ": " + r.value2())
        .isEqualTo("PENDING: no response within 500 ms");
  }

  @Test
  void anEndpointThatIsDownIsRecordedAsAConnectionError_D11() throws Exception {
    String deadUrl;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadUrl = "http://127.0.0.1:" + s.getLocalPort() + "/hook";
    }
    new AlertPolicyService(dsl).update(ALICE, policy.id(), withUrl(policy.spec(), deadUrl));
    new AlertEventRepository(dsl).record(firing(DAY_START, 90));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(attempts()).extracting(r -> r.value2()).containsExactly("CONNECTION_ERROR");
  }

  @Test
  void aReplayedEventIsStoredAndSentOnlyOnce_D11() {
    AlertEventRepository events = new AlertEventRepository(dsl);
    AlertEvent event = firing(DAY_START, 90);
    assertThat(events.record(event)).isTrue();
    assertThat(events.record(firing(DAY_START, 90)))
        .as("same policy, connection, window")
        .isFalse();
    sender.sendDue();
    assertThat(events.record(event)).isFalse();
    clock.advance(Duration.ofHours(1));
    sender.sendDue();
    assertThat(dsl.fetchCount(ALERT_EVENT)).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aRecoveryOfAPolicyThatDoesNotNotifyOnRecoveryIsStoredButNotSent_D11() {
    AlertEvent fired = firing(DAY_START, 90);
    AlertEvent resolved =
        new AlertEvent(
            AlertEvent.idOf(
                policy.id(), cross, DAY_START.plusSeconds(60), DAY_START.plusSeconds(120)),
            fired.policyId(),
            fired.policyRevision(),
            ALICE,
            cross,
            AlertEventState.RESOLVED,
            fired.metric(),
            fired.comparison(),
            fired.threshold(),
            10,
            fired.severity(),
            DAY_START.plusSeconds(60),
            DAY_START.plusSeconds(120),
            false);
    AlertEventRepository events = new AlertEventRepository(dsl);
    events.record(fired);
    events.record(resolved);
    sender.sendDue();
    assertThat(dsl.fetchCount(ALERT_EVENT)).isEqualTo(2);
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::eventId)
        .containsExactly(fired.id().toString());
  }

  @Test
  void theSenderLoopDeliversInTheBackground_D11() throws Exception {
    AlertEvent event = firing(DAY_START, 90);
    new AlertEventRepository(dsl).record(event);
    try (WebhookDelivery loop = WebhookDelivery.start(sender)) {
      Await.until(() -> "DELIVERED".equals(deliveryStatus(event)));
    }
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void oneAlertsNoticesGoOutInWindowOrderEvenAcrossRetries_D11() {
    receiver.answerInTurn(500, 200);
    AlertEvent fired = firing(DAY_START, 90);
    AlertEvent resolved =
        new AlertEvent(
            AlertEvent.idOf(
                policy.id(), cross, DAY_START.plusSeconds(60), DAY_START.plusSeconds(120)),
            fired.policyId(),
            fired.policyRevision(),
            ALICE,
            cross,
            AlertEventState.RESOLVED,
            fired.metric(),
            fired.comparison(),
            fired.threshold(),
            10,
            fired.severity(),
            DAY_START.plusSeconds(60),
            DAY_START.plusSeconds(120),
            true);
    AlertEventRepository events = new AlertEventRepository(dsl);
    events.record(resolved);
    events.record(fired);
    assertThat(sender.sendDue()).as("only the FIRING: the RESOLVED waits for it").isEqualTo(1);
    assertThat(sender.sendDue())
        .as("the FIRING failed once and waits; so does the RESOLVED")
        .isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(receiver.received())
        .extracting(WebhookReceiver.Received::eventId)
        .containsExactly(fired.id().toString(), fired.id().toString(), resolved.id().toString());
  }

  static AlertPolicySpec withUrl(AlertPolicySpec s, String url) {
    return new AlertPolicySpec(
        s.name(),
        s.metric(),
        s.comparison(),
        s.threshold(),
        s.period(),
        s.consecutivePeriods(),
        s.severity(),
        s.connectionId(),
        s.repeat(),
        s.notifyOnRecovery(),
        url,
        s.webhookSecret());
  }
}
