package io.peerbill.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A real HTTP endpoint on 127.0.0.1 that records every webhook it receives and answers as told: a
 * status code, or no answer at all until closed (to make senders time out).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** A received request: its signature headers and body. */
  public record Received(String eventId, String timestamp, String signature, String body) {
    boolean signedWith(String secret) {
      return WebhookSignature.verify(secret, timestamp, body, signature);
    }
  }

  public static final int HANG = -1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Received> received = new ArrayList<>();
  private volatile IntSupplier answer = () -> 200;

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/hook", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Answer every request with this status ({@link #HANG}: never answer). */
  public void answer(int status) {
    answer = () -> status;
  }

  /** Answer the requests in turn with these statuses, the last one from then on. */
  public void answerInTurn(int... statuses) {
    int[] next = {0};
    answer =
        () -> {
          synchronized (next) {
            return statuses[Math.min(next[0]++, statuses.length - 1)];
          }
        };
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var headers = exchange.getRequestHeaders();
    synchronized (this) {
      received.add(
          new Received(
              headers.getFirst(WebhookSignature.EVENT_ID_HEADER),
              headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
              headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
              body));
    }
    int status = answer.getAsInt();
    if (status == HANG) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public synchronized void close() {
    if (closing.getCount() == 0) {
      return;
    }
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  /**
   * The notices received, as "STATE minute value" (minute of the window start after {@code
   * origin}), after checking that each is signed with {@code secret}.
   */
  public List<String> notices(String secret, Instant origin) throws IOException {
    List<String> out = new ArrayList<>();
    for (Received r : received()) {
      if (!r.signedWith(secret)) {
        throw new AssertionError("bad signature on " + r.body());
      }
      JsonNode body = JSON.readTree(r.body());
      long minute =
          Duration.between(origin, Instant.parse(body.at("/window/start").asText())).toMinutes();
      out.add(body.get("state").asText() + " " + minute + " " + body.get("value").asText());
    }
    return out;
  }
}
