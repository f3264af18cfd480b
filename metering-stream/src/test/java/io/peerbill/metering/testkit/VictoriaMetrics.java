package io.peerbill.metering.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * victoria-metrics (Debian package) on a free loopback port with a throwaway data folder: a real
 * server speaking InfluxDB's v2 write API, standing in for InfluxDB 2 (which cannot be installed
 * here). Missing binary: the tests skip with a message, except in CI ({@code CI=true}) where they
 * fail.
 */
public final class VictoriaMetrics implements BeforeAllCallback, AfterAllCallback {

  private static final Path BINARY = Path.of("/usr/bin/victoria-metrics");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Process process;
  private Path data;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(BINARY + " is missing; .ci/run installs the victoria-metrics package");
      }
      Assumptions.abort(
          "skipped: " + BINARY + " missing (apt-get install victoria-metrics to run these tests)");
    }
    data = Files.createTempDirectory("victoria-metrics");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "-httpListenAddr=127.0.0.1:" + port,
                "-storageDataPath=" + data,
                "-retentionPeriod=100y",
                "-search.disableCache")
            .redirectErrorStream(true)
            .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile())
            .start();
    awaitHealthy();
  }

  private void awaitHealthy() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("victoria-metrics exited with " + process.exitValue() + " on port " + port);
      }
      try {
        if (get("/health").trim().equals("OK")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    fail("victoria-metrics did not become healthy on port " + port);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.destroy();
      process.onExit().get();
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Makes every point written so far visible to queries. */
  public void flush() throws IOException, InterruptedException {
    get("/internal/force_flush");
  }

  /** The raw series matching a selector, one JSON object per series and line. */
  public String export(String selector) throws IOException, InterruptedException {
    return get(
        "/api/v1/export?match[]="
            + java.net.URLEncoder.encode(selector, StandardCharsets.UTF_8)
            + "&reduce_mem_usage=1");
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
