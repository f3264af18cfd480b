package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.Peering;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The API as it runs: a real server on a random loopback port over a real PostgreSQL (one migrated
 * test database and one server for every test class of the JVM: Spring caches the context), and a
 * real HTTP client. Tests keep apart by using accounts and regions of their own.
 */
@SpringBootTest(
    classes = ApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(ApiApplication.PROFILE)
public abstract class ApiTestBase {

  private static final TestDatabase DATABASE = newDatabase();
  private static final AtomicInteger NAMES = new AtomicInteger();

  @LocalServerPort protected int port;
  @Autowired protected Peering peering;
  @Autowired protected ApiKeys keys;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    registry.add("peerbill.db.url", DATABASE::jdbcUrl);
    registry.add("peerbill.db.user", DATABASE::user);
    Path statements = Files.createTempDirectory("peerbill-api-statements");
    registry.add("peerbill.billing.statement-dir", statements::toString);
    registry.add("server.address", () -> "127.0.0.1");
  }

  protected Http http() {
    return new Http(port);
  }

  protected static TestDatabase database() {
    return DATABASE;
  }

  /** A name no other test of the JVM uses, e.g. for an account id. */
  protected static String unique(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
  }

  /** A region of its own, so tests never clash on codes. */
  protected String region(String geoZone) {
    String code = unique("r").toLowerCase(java.util.Locale.ROOT);
    peering.directory().registerRegion(code, code, geoZone);
    return code;
  }

  /** A registered account with an account key; returns the key's token. */
  protected Party party(String name) {
    String id = unique(name);
    peering.directory().registerAccount(id, name);
    return new Party(id, keys.createForAccount(id, "test").token());
  }

  protected String operatorKey() {
    return keys.createForOperator("test").token();
  }

  /**
   * A refusal of a domain rule over HTTP: its status, code and rule id, the message naming both.
   */
  protected static void assertRefused(Http.Response r, int status, String code, String rule) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.json().get("rule").asString()).isEqualTo(rule);
    assertThat(r.json().get("message").asString()).startsWith(code + " (" + rule + ")");
  }

  /** A VPC of the party with one CIDR block, created over HTTP; returns its id. */
  protected String vpcOverHttp(Party owner, String region, String cidr) {
    Http.Response r =
        http()
            .post(
                "/v1/vpcs",
                owner.key(),
                "{\"region\":\"" + region + "\",\"name\":\"v\",\"cidrs\":[\"" + cidr + "\"]}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  /** The URL of the billing run a {@code POST /v1/operator/billing-runs} started (202). */
  protected static String billingRunUrl(Http.Response started) {
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = started.header("Location");
    assertThat(location)
        .endsWith("/v1/operator/billing-runs/" + started.json().get("id").asString());
    return location.substring(location.indexOf("/v1/"));
  }

  /** The billing run once it has finished (polled; the deadline is generous, nothing is timed). */
  protected JsonNode finishedBillingRun(String url, String operatorKey)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JsonNode run = http().get(url, operatorKey).json();
      String status = run.get("status").asString();
      if (status.equals("COMPLETED") || status.equals("FAILED")) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("billing run not finished: " + run);
      }
      Thread.sleep(50);
    }
  }

  /** An account and the key it calls with. */
  public record Party(String id, String key) {}

  private static TestDatabase newDatabase() {
    try {
      return PostgresExtension.newDatabase();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
