package io.peerbill.alerting.webhook;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.alerting.AlertEventState;
import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.Severity;
import io.peerbill.schema.jooq.tables.records.AlertEventRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The webhook outbox in PostgreSQL: due deliveries are claimed with a lease (so several senders
 * never send one event twice at once), one alert's notices strictly in window order (a RESOLVED
 * never overtakes its FIRING, even while that one is being retried), and every attempt's outcome is
 * recorded.
 */
public final class WebhookOutbox {

  private final DSLContext dsl;
  private final WebhookSettings settings;

  public WebhookOutbox(DSLContext dsl, WebhookSettings settings) {
    this.dsl = dsl;
    this.settings = settings;
  }

  public List<PendingDelivery> claimDue(Instant now) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          var earlier = ALERT_EVENT.as("earlier");
          var earlierDelivery = WEBHOOK_DELIVERY.as("earlier_delivery");
          List<UUID> ids =
              t.select(WEBHOOK_DELIVERY.EVENT_ID)
                  .from(WEBHOOK_DELIVERY)
                  .join(ALERT_EVENT)
                  .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                  .where(WEBHOOK_DELIVERY.STATUS.eq("PENDING"))
                  .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(AlertEventRepository.utc(now)))
                  // One alert's notices go out in window order: none while an earlier one waits.
                  .andNotExists(
                      DSL.selectOne()
                          .from(earlierDelivery)
                          .join(earlier)
                          .on(earlier.ID.eq(earlierDelivery.EVENT_ID))
                          .where(earlierDelivery.STATUS.eq("PENDING"))
                          .and(earlier.POLICY_ID.eq(ALERT_EVENT.POLICY_ID))
                          .and(earlier.CONNECTION_ID.eq(ALERT_EVENT.CONNECTION_ID))
                          .and(earlier.WINDOW_END.lt(ALERT_EVENT.WINDOW_END)))
                  .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                  .limit(settings.batchSize())
                  .forUpdate()
                  .of(WEBHOOK_DELIVERY)
                  .skipLocked()
                  .fetch(WEBHOOK_DELIVERY.EVENT_ID);
          if (ids.isEmpty()) {
            return List.of();
          }
          t.update(WEBHOOK_DELIVERY)
              .set(
                  WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT,
                  AlertEventRepository.utc(now.plus(settings.lease())))
              .where(WEBHOOK_DELIVERY.EVENT_ID.in(ids))
              .execute();
          return t.select(
                  WEBHOOK_DELIVERY.ATTEMPTS,
                  ALERT_POLICY.NAME,
                  ALERT_POLICY.WEBHOOK_URL,
                  ALERT_POLICY.WEBHOOK_SECRET)
              .select(ALERT_EVENT.fields())
              .from(WEBHOOK_DELIVERY)
              .join(ALERT_EVENT)
              .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
              .join(ALERT_POLICY)
              .on(ALERT_POLICY.ID.eq(ALERT_EVENT.POLICY_ID))
              .where(WEBHOOK_DELIVERY.EVENT_ID.in(ids))
              .fetch(WebhookOutbox::pending);
        });
  }

  /** Records the attempt, then marks the delivery done, failed for good, or due again later. */
  public void recordAttempt(
      PendingDelivery d,
      Instant started,
      Instant finished,
      AttemptOutcome outcome,
      Integer httpStatus,
      String error) {
    int attempt = d.attemptsBefore() + 1;
    String status;
    if (outcome == AttemptOutcome.DELIVERED) {
      status = "DELIVERED";
    } else {
      status = attempt >= settings.maxAttempts() ? "FAILED" : "PENDING";
    }
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.insertInto(WEBHOOK_ATTEMPT)
              .set(WEBHOOK_ATTEMPT.EVENT_ID, d.eventId())
              .set(WEBHOOK_ATTEMPT.ATTEMPT, attempt)
              .set(WEBHOOK_ATTEMPT.URL, d.url())
              .set(WEBHOOK_ATTEMPT.STARTED_AT, AlertEventRepository.utc(started))
              .set(WEBHOOK_ATTEMPT.FINISHED_AT, AlertEventRepository.utc(finished))
              .set(WEBHOOK_ATTEMPT.HTTP_STATUS, httpStatus)
              .set(WEBHOOK_ATTEMPT.OUTCOME, outcome.name())
              .set(WEBHOOK_ATTEMPT.ERROR, error)
              .execute();
          t.update(WEBHOOK_DELIVERY)
              .set(WEBHOOK_DELIVERY.STATUS, status)
              .set(WEBHOOK_DELIVERY.ATTEMPTS, attempt)
              .set(WEBHOOK_DELIVERY.LAST_ERROR, error)
              .set(
                  WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT,
                  AlertEventRepository.utc(finished.plus(settings.backoffAfter(attempt))))
              .set(
                  WEBHOOK_DELIVERY.FINISHED_AT,
                  status.equals("PENDING") ? null : AlertEventRepository.utc(finished))
              .where(WEBHOOK_DELIVERY.EVENT_ID.eq(d.eventId()))
              .execute();
        });
  }

  /**
   * One alert event's delivery as its account reads it: where it stands, how often it was tried.
   */
  public record Delivery(
      UUID eventId,
      long policyId,
      String connectionId,
      String state,
      OffsetDateTime windowEnd,
      String status,
      int attempts,
      OffsetDateTime nextAttemptAt,
      String lastError,
      OffsetDateTime finishedAt) {}

  /** One attempt of a delivery, as {@link #recordAttempt} recorded it. */
  public record Attempt(
      int attempt,
      String url,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      Integer httpStatus,
      String outcome,
      String error) {}

  /** The deliveries of the account's alert events, newest window first. */
  public List<Delivery> deliveriesOf(String accountId) {
    return dsl.select(
            ALERT_EVENT.ID,
            ALERT_EVENT.POLICY_ID,
            ALERT_EVENT.CONNECTION_ID,
            ALERT_EVENT.STATE,
            ALERT_EVENT.WINDOW_END,
            WEBHOOK_DELIVERY.STATUS,
            WEBHOOK_DELIVERY.ATTEMPTS,
            WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT,
            WEBHOOK_DELIVERY.LAST_ERROR,
            WEBHOOK_DELIVERY.FINISHED_AT)
        .from(WEBHOOK_DELIVERY)
        .join(ALERT_EVENT)
        .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
        .where(ALERT_EVENT.ACCOUNT_ID.eq(accountId))
        .orderBy(ALERT_EVENT.WINDOW_END.desc(), ALERT_EVENT.ID)
        .fetch(
            r ->
                new Delivery(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    utc(r.value5()),
                    r.value6(),
                    r.value7(),
                    utc(r.value8()),
                    r.value9(),
                    utc(r.value10())));
  }

  /** The attempts of one of the account's deliveries, oldest first; empty if it is not its. */
  public Optional<List<Attempt>> attemptsOf(String accountId, UUID eventId) {
    boolean own =
        dsl.fetchExists(
            dsl.selectOne()
                .from(WEBHOOK_DELIVERY)
                .join(ALERT_EVENT)
                .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(
                    WEBHOOK_DELIVERY.EVENT_ID.eq(eventId), ALERT_EVENT.ACCOUNT_ID.eq(accountId)));
    if (!own) {
      return Optional.empty();
    }
    return Optional.of(
        dsl.selectFrom(WEBHOOK_ATTEMPT)
            .where(WEBHOOK_ATTEMPT.EVENT_ID.eq(eventId))
            .orderBy(WEBHOOK_ATTEMPT.ATTEMPT)
            .fetch(
                r ->
                    new Attempt(
                        r.getAttempt(),
                        r.getUrl(),
                        utc(r.getStartedAt()),
                        utc(r.getFinishedAt()),
                        r.getHttpStatus(),
                        r.getOutcome(),
                        r.getError())));
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static PendingDelivery pending(Record r) {
    AlertEventRecord e = r.into(ALERT_EVENT);
    AlertEvent event =
        new AlertEvent(
            e.getId().toString(),
            e.getPolicyId(),
            e.getPolicyRevision(),
            e.getAccountId(),
            e.getConnectionId(),
            AlertEventState.valueOf(e.getState()),
            AlertMetric.fromVendorName(e.getMetric()),
            Comparison.valueOf(e.getComparator()),
            e.getThreshold(),
            e.getValue(),
            Severity.valueOf(e.getSeverity()),
            e.getWindowStart().toInstant(),
            e.getWindowEnd().toInstant(),
            true);
    return new PendingDelivery(
        e.getId(),
        r.get(WEBHOOK_DELIVERY.ATTEMPTS),
        r.get(ALERT_POLICY.WEBHOOK_URL),
        r.get(ALERT_POLICY.WEBHOOK_SECRET),
        WebhookPayload.of(event, r.get(ALERT_POLICY.NAME)));
  }
}
