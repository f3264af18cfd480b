package io.peerbill.alerting.cli;

import io.peerbill.alerting.webhook.WebhookDelivery;
import io.peerbill.alerting.webhook.WebhookSender;
import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./peerbill alerts deliver}: the webhook delivery worker on its own, for a stream run with
 * {@code --no-deliver-webhooks} or on a Flink cluster. Any number of workers may run at once.
 */
@Command(
    name = "deliver",
    mixinStandardHelpOptions = true,
    description =
        "Send the queued alert webhooks (signed, with retries) until stopped (Ctrl-C), or once.")
final class DeliverCommand implements Callable<Integer> {

  @ParentCommand AlertsCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--once",
      description = "Send what is due now (round after round until none is), then exit.")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = parent.database().get()) {
      WebhookSender sender =
          new WebhookSender(db.dsl(), WebhookSettings.defaults(), Clock.systemUTC());
      if (once) {
        int attempts = 0;
        for (int round = sender.sendDue(); round > 0; round = sender.sendDue()) {
          attempts += round;
        }
        out.printf("webhook attempts: %d%n", attempts);
        out.flush();
        return 0;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      try (WebhookDelivery worker = WebhookDelivery.start(sender)) {
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        out.println("delivering alert webhooks from the outbox; Ctrl-C stops");
        out.flush();
        stopped.await();
      }
    }
    return 0;
  }
}
