package io.peerbill.metering.alert;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertEventRepository;
import io.peerbill.db.Database;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Stores alert events (once each, whatever replays happen) and queues their webhooks in the outbox,
 * in one transaction. Sending is the delivery worker's ({@link
 * io.peerbill.alerting.webhook.WebhookDelivery}), outside Flink: HTTP never happens on the stream's
 * path, so a slow or dead endpoint never holds metering back.
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

    Writer(AlertSettings settings) {
      db = Database.open(settings.database());
      events = new AlertEventRepository(db.dsl());
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
      db.close();
    }
  }
}
