package io.peerbill.billing;

import com.zaxxer.hikari.HikariDataSource;
import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one DataSource is peerbill's {@link Database}: the configured PostgreSQL or the
 * embedded one, migrated by Flyway when opened. Spring Boot's own DataSource and Flyway set-up back
 * off because this bean exists (and Flyway's auto-configuration is not on the class path).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

  /**
   * {@code peerbill.db.url} (also {@code PEERBILL_DB_URL}) when set, else peerbill's usual lookup:
   * environment, config file, embedded server.
   *
   * @param connectionTimeout how long a statement waits for a pooled connection ({@code
   *     peerbill.db.connection-timeout}): a run that has lost PostgreSQL waits this long at each of
   *     the few attempts it makes to record how it ended, before it says so in one line
   */
  @Bean(destroyMethod = "close")
  public Database database(
      @Value("${peerbill.db.url:}") String url,
      @Value("${peerbill.db.user:}") String user,
      @Value("${peerbill.db.password:}") String password,
      @Value("${peerbill.db.connection-timeout:10s}") Duration connectionTimeout) {
    Database database =
        url.isBlank()
            ? Database.open()
            : Database.open(
                DatabaseConfig.of(
                    url, user.isBlank() ? null : user, password.isBlank() ? null : password));
    if (database.dataSource() instanceof HikariDataSource pool) {
      pool.setConnectionTimeout(connectionTimeout.toMillis());
    }
    return database;
  }

  @Bean
  public DataSource dataSource(Database database) {
    return database.dataSource();
  }
}
