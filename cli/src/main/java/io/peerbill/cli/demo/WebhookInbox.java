package io.peerbill.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.peerbill.alerting.WebhookTargetGuard;
import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.alerting.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's stand-in for a customer's alert endpoint: a real HTTP server on loopback that checks
 * each notice's HMAC signature with the policy's secret and keeps what it received.
 */
final class WebhookInbox implements AutoCloseable {

  /** One notice as received: its state, policy, connection, window end, and whether it verified. */
  record Notice(
      String state,
      String policy,
      String connection,
      String metric,
      String value,
      String windowEnd,
      boolean signatureValid) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String secret;
  private final List<Notice> notices = new ArrayList<>();

  WebhookInbox(String secret) throws IOException {
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean valid =
                WebhookSignature.verify(
                    secret,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER));
            record(body, valid);
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** The inbox's host: loopback, which the demo's policies and sender allow (none else do). */
  static final String HOST = "127.0.0.1";

  String url() {
    return "http://" + HOST + ":" + server.getAddress().getPort() + "/alerts";
  }

  /** The configured allow-list plus this inbox's loopback host. */
  static WebhookTargetGuard targets() {
    return WebhookTargetGuard.fromEnvironment().alsoAllowing(HOST);
  }

  /** How the demo sends: the defaults, to this inbox as well. */
  static WebhookSettings webhooks() {
    return WebhookSettings.defaults().withTargets(targets());
  }

  String secret() {
    return secret;
  }

  private synchronized void record(String body, boolean valid) throws IOException {
    JsonNode json = JSON.readTree(body);
    notices.add(
        new Notice(
            json.path("state").asText(),
            json.path("policy").path("name").asText(),
            json.path("connection_id").asText(),
            json.path("metric").asText(),
            json.path("value").asText(),
            json.path("window").path("end").asText(),
            valid));
  }

  synchronized List<Notice> notices() {
    return List.copyOf(notices);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
