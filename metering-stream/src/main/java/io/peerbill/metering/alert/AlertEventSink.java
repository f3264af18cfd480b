package io.peerbill.metering.alert;

import io.peerbill.db.Database;
import java.io.IOException;
import java.time.Clock;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Stores alert events (once each, whatever replays happen) and queues their webhooks. With {@code
 * sendWebhooks}, each writer also runs a webhook sender on its own thread: HTTP never happens on
 * the stream's path, so a slow or dead endpoint never holds metering back.
 */
public final class AlertEventSink implements Sink<AlertEvent> {

  private final AlertSettings settings;

  public AlertEventSink(AlertSettings settings) {
    this.settings = settings;
  }

  @Override
  public SinkWriter<AlertEvent> createWriter(WriterInitContext context) throws IOException {
    return new Writer(settings);
  }

  private static final class Writer implements SinkWriter<AlertEvent> {
    private final Database db;
    private final AlertEventRepository events;
    private final WebhookSender webhooks;
    private final WebhookSenderLoop sender;

    Writer(AlertSettings settings) {
      db = Database.open(settings.database());
      events = new AlertEventRepository(db.dsl());
      webhooks = new WebhookSender(db.dsl(), settings.webhooks(), Clock.systemUTC());
      sender = settings.sendWebhooks() ? WebhookSenderLoop.start(webhooks) : null;
    }

    @Override
    public void write(AlertEvent event, Context context) {
      events.record(event);
    }

    @Override
    public void flush(boolean endOfInput) {
      // Every event is committed as it is written.
    }

    @Override
    public void close() {
      try {
        if (sender != null) {
          sender.close();
          // A bounded run ends right after its last events: send what is due now (rounds end
          // when nothing is due; a failure waits for its backoff, in the outbox for the next run).
          while (webhooks.sendDue() > 0) {
            // next round: a delivered notice may have released the next one of its alert
          }
        }
      } finally {
        db.close();
      }
    }
  }
}
