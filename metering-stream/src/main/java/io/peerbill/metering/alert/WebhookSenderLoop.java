package io.peerbill.metering.alert;

import io.peerbill.metering.DaemonThreads;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link WebhookSender} on a thread of its own until closed: a round whenever the last one
 * found work, otherwise every poll interval. A failing round (database away) is logged and retried
 * at the next interval; it never reaches the caller.
 */
public final class WebhookSenderLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSenderLoop.class);

  private final WebhookSender sender;
  private final ScheduledExecutorService thread;

  private WebhookSenderLoop(WebhookSender sender) {
    this.sender = sender;
    this.thread = DaemonThreads.singleScheduled("peerbill-webhook-sender");
  }

  public static WebhookSenderLoop start(WebhookSender sender) {
    WebhookSenderLoop loop = new WebhookSenderLoop(sender);
    loop.thread.execute(loop::round);
    return loop;
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
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // close() raced with this round; nothing more to schedule.
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
