package io.peerbill.db;

import static io.peerbill.schema.jooq.Tables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.testkit.PostgresExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configured database or embedded default: the one way every module gets its DataSource. */
class DatabaseTest {

  /** A second server that, unlike the test kit's, checks passwords over TCP. */
  private static EmbeddedPostgres passwordServer;

  @BeforeAll
  static void startPasswordServer() throws Exception {
    passwordServer =
        EmbeddedPostgres.builder()
            .setDataDirectoryCustomizer(
                dir -> {
                  try {
                    Files.writeString(
                        dir.toPath().resolve("pg_hba.conf"),
                        "host all postgres 127.0.0.1/32 trust\n"
                            + "host all postgres ::1/128 trust\n"
                            + "host all all 127.0.0.1/32 scram-sha-256\n"
                            + "host all all ::1/128 scram-sha-256\n");
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .start();
    try (Connection c = passwordServer.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE billing LOGIN PASSWORD 'right-password'");
      s.execute("CREATE DATABASE billing OWNER billing");
    }
  }

  @AfterAll
  static void stopPasswordServer() throws IOException {
    passwordServer.close();
  }

  private static String billingUrl() {
    return "jdbc:postgresql://localhost:" + passwordServer.getPort() + "/billing";
  }

  @Test
  void configuredUrlIsUsedAndMigrated() throws Exception {
    DatabaseConfig config = DatabaseConfig.of(billingUrl(), "billing", "right-password");
    try (Database db = Database.open(config)) {
      assertThat(db.isEmbedded()).isFalse();
      assertThat(db.schemaVersion()).isEqualTo(latestMigration());
      assertThat(db.describe()).isEqualTo(billingUrl() + " as billing").doesNotContain("right");
      assertThat(db.dsl().fetchCount(PEERING_CONNECTION)).isZero();
    }
  }

  @Test
  void wrongPasswordIsOneClearLine() {
    DatabaseConfig config = DatabaseConfig.of(billingUrl(), "billing", "wrong-password");
    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("cannot use PostgreSQL at " + billingUrl() + " as billing")
        .hasMessageContaining("password authentication failed")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void unreachableHostIsOneClearLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/peerbill";
    assertThatThrownBy(() -> Database.open(DatabaseConfig.of(url, "x", "y")))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("cannot use PostgreSQL at " + url)
        .hasMessageContaining("refused")
        .hasMessageNotContaining("\n");
  }

  @Test
  void environmentWinsOverConfigFile(@TempDir Path home) throws IOException {
    Files.writeString(
        home.resolve("peerbill.properties"),
        "db.url=jdbc:postgresql://db.example:5432/from-file\ndb.user=file-user\n");
    DatabaseConfig fromFile = DatabaseConfig.from(Map.of(DatabaseConfig.ENV_HOME, home.toString()));
    assertThat(fromFile.url()).isEqualTo("jdbc:postgresql://db.example:5432/from-file");
    assertThat(fromFile.user()).isEqualTo("file-user");

    DatabaseConfig fromEnv =
        DatabaseConfig.from(
            Map.of(
                DatabaseConfig.ENV_HOME,
                home.toString(),
                DatabaseConfig.ENV_URL,
                "jdbc:postgresql://other:5432/env"));
    assertThat(fromEnv.url()).isEqualTo("jdbc:postgresql://other:5432/env");
    assertThat(fromEnv.user()).isEqualTo("file-user");
  }

  @Test
  void configTravelsToFlinkOperators(@TempDir Path home) throws Exception {
    DatabaseConfig config = DatabaseConfig.embedded(home);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(config);
    }
  }

  @Test
  void nothingConfiguredMeansEmbedded(@TempDir Path home) {
    DatabaseConfig config = DatabaseConfig.from(Map.of(DatabaseConfig.ENV_HOME, home.toString()));
    assertThat(config.isEmbedded()).isTrue();
  }

  @Test
  void nonPostgresUrlIsRefused(@TempDir Path home) {
    assertThatThrownBy(
            () ->
                DatabaseConfig.from(
                    Map.of(
                        DatabaseConfig.ENV_HOME,
                        home.toString(),
                        DatabaseConfig.ENV_URL,
                        "jdbc:mysql://h/db")))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("must be a jdbc:postgresql: URL");
  }

  @Test
  void embeddedDataFolderIsReusedByTheNextRun(@TempDir Path home) throws Exception {
    try (Database first = Database.open(DatabaseConfig.embedded(home))) {
      assertThat(first.isEmbedded()).isTrue();
      assertThat(first.schemaVersion()).isEqualTo(latestMigration());
      first.dsl().execute("INSERT INTO account (id, name) VALUES ('100001', 'kept')");
    }
    try (Database second = Database.open(DatabaseConfig.embedded(home))) {
      assertThat(second.dsl().fetchValue("SELECT name FROM account WHERE id = '100001'"))
          .isEqualTo("kept");
    }
    assertThat(home.resolve(EmbeddedPostgresServer.DATA_FOLDER).resolve("PG_VERSION"))
        .hasContent("17");
  }

  @Test
  void embeddedFolderInUseIsOneClearLine(@TempDir Path home) throws Exception {
    try (Database first = Database.open(DatabaseConfig.embedded(home))) {
      assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(home)))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("is in use by another peerbill process");
      assertThat(first.schemaVersion()).isEqualTo(latestMigration());
    }
  }

  /** What the test kit's freshly migrated template is at: the newest migration. */
  private static String latestMigration() throws Exception {
    return Migrations.flyway(PostgresExtension.newDatabase().dataSource())
        .info()
        .current()
        .getVersion()
        .getVersion();
  }
}
