package io.peerbill.api.alert;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** An account's webhook deliveries (the outbox rows of its alert events) and their attempts. */
@Component
public class DeliveryReader {

  private final DSLContext sql;

  public DeliveryReader(DSLContext sql) {
    this.sql = sql;
  }

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

  public record Attempt(
      int attempt,
      String url,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      Integer httpStatus,
      String outcome,
      String error) {}

  /** Newest event first. */
  public List<Delivery> deliveries(String accountId) {
    return sql.select(
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

  /** The attempts of one of the account's deliveries, or empty when it is not the account's. */
  public Optional<List<Attempt>> attempts(String accountId, UUID eventId) {
    boolean own =
        sql.fetchExists(
            sql.selectOne()
                .from(WEBHOOK_DELIVERY)
                .join(ALERT_EVENT)
                .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(
                    WEBHOOK_DELIVERY.EVENT_ID.eq(eventId), ALERT_EVENT.ACCOUNT_ID.eq(accountId)));
    if (!own) {
      return Optional.empty();
    }
    return Optional.of(
        sql.selectFrom(WEBHOOK_ATTEMPT)
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
    return t == null ? null : t.withOffsetSameInstant(java.time.ZoneOffset.UTC);
  }
}
