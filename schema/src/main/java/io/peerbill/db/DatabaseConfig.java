package io.peerbill.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the database is: a configured JDBC URL with credentials, or nothing configured, which means
 * the embedded PostgreSQL under {@link #home()}.
 *
 * <p>Each setting is looked up in order: environment ({@code PEERBILL_DB_URL}, {@code
 * PEERBILL_DB_USER}, {@code PEERBILL_DB_PASSWORD}), then the config file ({@code PEERBILL_CONFIG},
 * default {@code ~/.peerbill/peerbill.properties}, keys {@code db.url}, {@code db.user}, {@code
 * db.password}). Serializable so a Flink job can carry it to its operators.
 */
public record DatabaseConfig(String url, String user, String password, String homeDir)
    implements Serializable {

  public static final String ENV_URL = "PEERBILL_DB_URL";
  public static final String ENV_USER = "PEERBILL_DB_USER";
  public static final String ENV_PASSWORD = "PEERBILL_DB_PASSWORD";
  public static final String ENV_HOME = PeerbillHome.ENV;
  public static final String ENV_CONFIG = "PEERBILL_CONFIG";

  public DatabaseConfig {
    homeDir = PeerbillHome.check(Path.of(homeDir)).toAbsolutePath().toString();
  }

  DatabaseConfig(String url, String user, String password, Path home) {
    this(url, user, password, home.toString());
  }

  /**
   * The peerbill home: embedded data, config file, statements (kept as text: Path is not
   * serializable).
   */
  public Path home() {
    return Path.of(homeDir);
  }

  /** Nothing configured: the embedded PostgreSQL kept under {@code home}. */
  public static DatabaseConfig embedded(Path home) {
    return new DatabaseConfig(null, null, null, home);
  }

  public static DatabaseConfig of(String url, String user, String password) {
    return new DatabaseConfig(url, user, password, defaultHome(System.getenv()));
  }

  public static DatabaseConfig fromEnvironment() {
    return from(System.getenv());
  }

  static DatabaseConfig from(Map<String, String> env) {
    Path home = defaultHome(env);
    Properties file = readConfigFile(env, home);
    String url = setting(env, ENV_URL, file, "db.url").orElse(null);
    String user = setting(env, ENV_USER, file, "db.user").orElse(null);
    String password = setting(env, ENV_PASSWORD, file, "db.password").orElse(null);
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new DatabaseUnavailableException(
          ENV_URL + " must be a jdbc:postgresql: URL, got '" + url + "'");
    }
    return new DatabaseConfig(url, user, password, home);
  }

  /**
   * Any other setting, read as the database's are: the environment variable {@code envName} wins,
   * else {@code fileKey} of the config file ({@code PEERBILL_CONFIG}, default {@code
   * $PEERBILL_HOME/peerbill.properties}); blank counts as unset.
   */
  public static Optional<String> setting(String envName, String fileKey) {
    Map<String, String> env = System.getenv();
    return setting(env, envName, readConfigFile(env, defaultHome(env)), fileKey);
  }

  public boolean isEmbedded() {
    return url == null;
  }

  /** The URL without credentials, for messages and status output. */
  public String describe() {
    if (isEmbedded()) {
      return "embedded PostgreSQL in " + home().resolve(EmbeddedPostgresServer.DATA_FOLDER);
    }
    String shown = url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    return shown + (user == null ? "" : " as " + user);
  }

  private static Path defaultHome(Map<String, String> env) {
    return PeerbillHome.of(env);
  }

  private static Properties readConfigFile(Map<String, String> env, Path home) {
    String explicit = env.get(ENV_CONFIG);
    Path file = explicit != null ? Path.of(explicit) : home.resolve("peerbill.properties");
    Properties properties = new Properties();
    if (!Files.exists(file)) {
      if (explicit != null) {
        throw new DatabaseUnavailableException(ENV_CONFIG + " names a missing file: " + file);
      }
      return properties;
    }
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot read config file " + file + ": " + e);
    }
    return properties;
  }

  private static Optional<String> setting(
      Map<String, String> env, String envName, Properties file, String key) {
    String value = env.get(envName);
    if (value == null || value.isBlank()) {
      value = file.getProperty(key);
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return describe();
  }
}
