package io.peerbill.alerting.webhook;

import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook delivery worker: reads the outbox and sends what is due, on a thread of its own,
 * until closed. {@code peerbill stream} runs one beside the job, {@code peerbill alerts deliver}
 * runs one alone, and a server embeds one with {@link #start(DatabaseConfig, WebhookSettings)} and
 * {@link #close()}. Any number may run against one database: each claims its deliveries under a
 * lease, so no event is sent twice at once.
 *
 * <p>A round runs whenever the last one found work, otherwise every poll interval. A failing round
 * (database away) is logged and retried at the next interval; it never reaches the caller.
 */
public final class WebhookDelivery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

  private final WebhookSender sender;
  private final Database ownDatabase;
  private final ScheduledExecutorService thread;

  private WebhookDelivery(WebhookSender sender, Database ownDatabase) {
    this.sender = sender;
    this.ownDatabase = ownDatabase;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "peerbill-webhook-delivery");
              // A worker whose owner forgot to close it must not keep the JVM alive.
              t.setDaemon(true);
              return t;
            });
  }

  /** A worker over its own connection pool to {@code database}, closed with the worker. */
  public static WebhookDelivery start(DatabaseConfig database, WebhookSettings settings) {
    Database db = Database.open(database);
    try {
      return start(new WebhookSender(db.dsl(), settings, Clock.systemUTC()), db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A worker over a sender whose database the caller owns. */
  public static WebhookDelivery start(WebhookSender sender) {
    return start(sender, null);
  }

  private static WebhookDelivery start(WebhookSender sender, Database ownDatabase) {
    WebhookDelivery worker = new WebhookDelivery(sender, ownDatabase);
    worker.thread.execute(worker::round);
    return worker;
  }

  /**
   * Stops the thread, then sends what is due now, round after round until a round finds nothing (a
   * delivered notice may release the next one of its alert): what a bounded run does after its last
   * events. A failure waits for its backoff, in the outbox for the next worker.
   */
  public void finish() {
    stop();
    while (sender.sendDue() > 0) {
      // next round
    }
  }

  private void round() {
    long delay = sender.settings().pollInterval().toMillis();
    try {
      if (sender.sendDue() > 0) {
        delay = 0;
      }
    } catch (RuntimeException e) {
      LOG.warn("webhook round failed, retrying in {} ms: {}", delay, e.toString());
    }
    if (!thread.isShutdown()) {
      try {
        thread.schedule(this::round, delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        // close() raced with this round; nothing more to schedule.
      }
    }
  }

  private void stop() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    if (ownDatabase != null) {
      ownDatabase.close();
    }
  }
}
