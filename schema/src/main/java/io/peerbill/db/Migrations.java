package io.peerbill.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Flyway, configured the same way for the application and the test kit. */
public final class Migrations {

  private Migrations() {}

  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
  }

  public static void apply(DataSource dataSource) {
    flyway(dataSource).migrate();
  }
}
