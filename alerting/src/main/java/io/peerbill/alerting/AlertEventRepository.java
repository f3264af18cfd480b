package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Stores alert events exactly once: an event whose id is already there (a replay, a restarted job)
 * inserts nothing and queues no webhook; a new event that notifies is queued for the webhook sender
 * in the same transaction.
 */
public final class AlertEventRepository {

  private final DSLContext dsl;

  public AlertEventRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Returns true when the event was new. */
  public boolean record(AlertEvent e) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          int inserted =
              t.insertInto(ALERT_EVENT)
                  .set(ALERT_EVENT.ID, UUID.fromString(e.id()))
                  .set(ALERT_EVENT.POLICY_ID, e.policyId())
                  .set(ALERT_EVENT.POLICY_REVISION, e.policyRevision())
                  .set(ALERT_EVENT.ACCOUNT_ID, e.accountId())
                  .set(ALERT_EVENT.CONNECTION_ID, e.connectionId())
                  .set(ALERT_EVENT.STATE, e.state().name())
                  .set(ALERT_EVENT.METRIC, e.metric().vendorName())
                  .set(ALERT_EVENT.COMPARATOR, e.comparison().name())
                  .set(ALERT_EVENT.THRESHOLD, e.threshold())
                  .set(ALERT_EVENT.VALUE, e.value())
                  .set(ALERT_EVENT.SEVERITY, e.severity().name())
                  .set(ALERT_EVENT.WINDOW_START, utc(e.windowStart()))
                  .set(ALERT_EVENT.WINDOW_END, utc(e.windowEnd()))
                  .onConflict(ALERT_EVENT.ID)
                  .doNothing()
                  .execute();
          if (inserted == 1 && e.sendsWebhook()) {
            t.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.EVENT_ID, UUID.fromString(e.id()))
                .execute();
          }
          return inserted == 1;
        });
  }

  public static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
