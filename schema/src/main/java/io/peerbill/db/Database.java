package io.peerbill.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The one way every module gets its database: the configured PostgreSQL, or the embedded one when
 * nothing is configured. Opening it checks the connection (failing with one clear line) and applies
 * the migrations.
 */
public final class Database implements AutoCloseable {

  private final DatabaseConfig config;
  private final EmbeddedPostgresServer embedded;
  private final HikariDataSource dataSource;

  private Database(
      DatabaseConfig config, EmbeddedPostgresServer embedded, HikariDataSource dataSource) {
    this.config = config;
    this.embedded = embedded;
    this.dataSource = dataSource;
  }

  public static Database open() {
    return open(DatabaseConfig.fromEnvironment());
  }

  public static Database open(DatabaseConfig config) {
    EmbeddedPostgresServer embedded = null;
    String url = config.url();
    String user = config.user();
    String password = config.password();
    if (config.isEmbedded()) {
      embedded = EmbeddedPostgresServer.start(config.home());
      url = embedded.jdbcUrl();
      user = EmbeddedPostgresServer.USER;
      password = null;
    }
    HikariDataSource dataSource = null;
    try {
      dataSource = pool(url, user, password);
      Migrations.apply(dataSource);
      return new Database(config, embedded, dataSource);
    } catch (RuntimeException e) {
      if (dataSource != null) {
        dataSource.close();
      }
      closeQuietly(embedded);
      if (e instanceof DatabaseUnavailableException d) {
        throw d;
      }
      throw new DatabaseUnavailableException(
          "cannot use PostgreSQL at "
              + config.describe()
              + ": "
              + EmbeddedPostgresServer.oneLine(e),
          e);
    }
  }

  private static HikariDataSource pool(String url, String user, String password) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setPoolName("peerbill");
    hikari.setMaximumPoolSize(8);
    // Fail at once on a wrong password or an unreachable host rather than retrying for 30 s.
    hikari.setInitializationFailTimeout(1);
    hikari.setConnectionTimeout(10_000);
    hikari.addDataSourceProperty("connectTimeout", "10");
    hikari.addDataSourceProperty("ApplicationName", "peerbill");
    return new HikariDataSource(hikari);
  }

  public DatabaseConfig config() {
    return config;
  }

  /**
   * Connection settings another JVM or a Flink operator can use to reach this same database (for
   * the embedded server: its current port).
   */
  public DatabaseConfig connectionConfig() {
    if (embedded == null) {
      return config;
    }
    return new DatabaseConfig(embedded.jdbcUrl(), EmbeddedPostgresServer.USER, null, config.home());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public DSLContext dsl() {
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Human description: which database, without password. */
  public String describe() {
    if (embedded != null) {
      return config.describe() + " (port " + embedded.port() + ")";
    }
    return config.describe();
  }

  /** The applied schema version, e.g. "2". */
  public String schemaVersion() {
    MigrationInfo current = Migrations.flyway(dataSource).info().current();
    return current == null ? "none" : current.getVersion().getVersion();
  }

  public String serverVersion() {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(
          "cannot read the server version: " + EmbeddedPostgresServer.oneLine(e), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
    closeQuietly(embedded);
  }

  private static void closeQuietly(EmbeddedPostgresServer server) {
    if (server != null) {
      try {
        server.close();
      } catch (Exception ignored) {
        // Shutting down; the lock file is released with the process anyway.
      }
    }
  }
}
