package io.peerbill.billing.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run as a service: bill the previous day every night on peerbill.billing.schedule"
            + " (cron, in the billing zone). Stops on Ctrl-C / SIGTERM.")
final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (ConfigurableApplicationContext context = BillingContext.start("service")) {
      context.addApplicationListener(
          event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
              stopped.countDown();
            }
          });
      context.registerShutdownHook();
      stopped.await();
    }
    return 0;
  }
}
