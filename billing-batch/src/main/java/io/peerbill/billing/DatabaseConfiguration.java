package io.peerbill.billing;

import io.peerbill.db.Database;
import io.peerbill.db.DatabaseConfig;
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
   */
  @Bean(destroyMethod = "close")
  public Database database(
      @Value("${peerbill.db.url:}") String url,
      @Value("${peerbill.db.user:}") String user,
      @Value("${peerbill.db.password:}") String password) {
    if (url.isBlank()) {
      return Database.open();
    }
    return Database.open(
        DatabaseConfig.of(url, user.isBlank() ? null : user, password.isBlank() ? null : password));
  }

  @Bean
  public DataSource dataSource(Database database) {
    return database.dataSource();
  }
}
