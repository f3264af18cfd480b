package io.peerbill.metering.alert;

import io.peerbill.db.DatabaseConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the job evaluates alert policies.
 *
 * @param jdbcUrl where policies are read and events written (with {@code user}, {@code password});
 *     plain strings, as {@link DatabaseConfig} does not serialize with a job graph
 * @param policyRefresh how soon a policy change takes effect in the running job
 * @param silenceLimit how long after a connection's last aggregate its silence is still evaluated
 *     as periods without samples (after that its alerts wait for data)
 */
public record AlertSettings(
    String jdbcUrl, String user, String password, Duration policyRefresh, Duration silenceLimit)
    implements Serializable {

  /** Defaults; {@code database} from {@code Database.connectionConfig()} (a URL, never null). */
  public static AlertSettings defaults(DatabaseConfig database) {
    if (database.url() == null) {
      throw new IllegalArgumentException("pass Database.connectionConfig(): it has the URL");
    }
    return new AlertSettings(
        database.url(),
        database.user(),
        database.password(),
        Duration.ofSeconds(30),
        Duration.ofMinutes(30));
  }

  public DatabaseConfig database() {
    return DatabaseConfig.of(jdbcUrl, user, password);
  }

  public AlertSettings withPolicyRefresh(Duration refresh) {
    return new AlertSettings(jdbcUrl, user, password, refresh, silenceLimit);
  }
}
