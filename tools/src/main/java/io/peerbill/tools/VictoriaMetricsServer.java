package io.peerbill.tools;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A victoria-metrics server (Debian package) on a free loopback port with a throwaway data folder:
 * a real server speaking InfluxDB's v2 write API, which the tests and the bench write to in place
 * of InfluxDB 2.
 */
public final class VictoriaMetricsServer implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/victoria-metrics");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path data;
  private final int port;

  private VictoriaMetricsServer(Process process, Path data, int port) {
    this.process = process;
    this.data = data;
    this.port = port;
  }

  /** The server process (to account for its CPU). */
  public ProcessHandle process() {
    return process.toHandle();
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public static VictoriaMetricsServer start() throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("victoria-metrics");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "-httpListenAddr=127.0.0.1:" + port,
                "-storageDataPath=" + data.resolve("storage"),
                "-retentionPeriod=100y",
                "-search.disableCache")
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("victoria-metrics.log").toFile())
            .start();
    VictoriaMetricsServer server = new VictoriaMetricsServer(process, data, port);
    server.awaitHealthy();
    return server;
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("victoria-metrics exited with " + process.exitValue());
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
    close();
    throw new IOException("victoria-metrics did not become healthy on port " + port);
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
    return get("/api/v1/export?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
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

  @Override
  public void close() {
    process.destroy();
    process.onExit().join();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp folder left behind is harmless.
    }
  }
}
