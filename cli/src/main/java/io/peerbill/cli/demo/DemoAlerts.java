package io.peerbill.cli.demo;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;

import io.peerbill.alerting.webhook.WebhookSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** The demo's view of alerting: draining the webhook outbox, and the events as stored. */
final class DemoAlerts {

  private DemoAlerts() {}

  /**
   * A bounded job can end with notices still queued in the outbox; sends them (with the usual
   * retries) until none is pending or {@code limit} passes.
   */
  static void awaitDeliveries(DSLContext sql, Duration limit) throws InterruptedException {
    WebhookSender sender = new WebhookSender(sql, WebhookInbox.webhooks(), Clock.systemUTC());
    Instant deadline = Instant.now().plus(limit);
    while (pending(sql) > 0 && Instant.now().isBefore(deadline)) {
      if (sender.sendDue() == 0) {
        Thread.sleep(200);
      }
    }
  }

  static int pending(DSLContext sql) {
    return sql.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.STATUS.eq("PENDING"));
  }

  static List<DemoResult.AlertRow> events(DSLContext sql) {
    return sql.select(
            ALERT_POLICY.NAME,
            ALERT_EVENT.CONNECTION_ID,
            ALERT_EVENT.STATE,
            ALERT_EVENT.WINDOW_END,
            ALERT_EVENT.VALUE)
        .from(ALERT_EVENT)
        .join(ALERT_POLICY)
        .on(ALERT_POLICY.ID.eq(ALERT_EVENT.POLICY_ID))
        .orderBy(ALERT_EVENT.WINDOW_END, ALERT_POLICY.NAME)
        .fetch(
            r ->
                new DemoResult.AlertRow(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4().toInstant().toString(),
                    r.value5()));
  }
}
