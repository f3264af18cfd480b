package io.peerbill.metering.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.peerbill.tools.VictoriaMetricsServer;
import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * victoria-metrics for a test class, standing in for InfluxDB 2 (which cannot be installed here).
 * Missing binary: the tests fail at once with one line naming the package to install.
 */
public final class VictoriaMetrics implements BeforeAllCallback, AfterAllCallback {

  private VictoriaMetricsServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!VictoriaMetricsServer.installed()) {
      // A test that cannot run fails: a class reporting 0 tests would pass unnoticed.
      fail(
          VictoriaMetricsServer.BINARY
              + " is missing: apt-get install victoria-metrics (.ci/run installs it)");
    }
    server = VictoriaMetricsServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  public String url() {
    return server.url();
  }

  public void flush() throws IOException, InterruptedException {
    server.flush();
  }

  public String export(String selector) throws IOException, InterruptedException {
    return server.export(selector);
  }
}
