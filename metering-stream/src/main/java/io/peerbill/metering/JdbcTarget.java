package io.peerbill.metering;

import io.peerbill.db.DatabaseConfig;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The database as Flink operators reach it: only the JDBC URL and credentials, which serialize with
 * the job graph ({@link DatabaseConfig} also carries a {@code java.nio.file.Path}, which does not).
 * Build it from {@code Database.connectionConfig()} so the embedded server's port is right.
 */
public record JdbcTarget(String url, String user, String password) implements Serializable {

  public static JdbcTarget of(DatabaseConfig config) {
    if (config.url() == null) {
      throw new IllegalArgumentException(
          "no JDBC URL: pass Database.connectionConfig(), not the unopened embedded config");
    }
    return new JdbcTarget(config.url(), config.user(), config.password());
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The URL without credentials, for messages. */
  public String describe() {
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return describe() + (user == null ? "" : " as " + user);
  }
}
