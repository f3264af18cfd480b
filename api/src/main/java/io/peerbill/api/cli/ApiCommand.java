package io.peerbill.api.cli;

import io.peerbill.api.ApiApplication;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Run the HTTP API on the configured (or embedded) PostgreSQL until Ctrl-C / SIGTERM.",
      "Every request carries an API key (Authorization: Bearer KEY): create one with"
          + " 'peerbill api-key create --account A' (or --operator). OpenAPI: /v3/api-docs."
    })
public final class ApiCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8480", description = "TCP port (default 8480).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String bind;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (ConfigurableApplicationContext context =
        ApiApplication.start("--server.port=" + port, "--server.address=" + bind)) {
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent) {
              stopped.countDown();
            }
          });
      context.registerShutdownHook();
      int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
      System.out.println("peerbill api: listening on http://" + bind + ":" + actual + "/v1");
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
