package io.peerbill.testkit;

import io.peerbill.db.DatabaseConfig;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A fresh, migrated database of its own for one test: a copy of the migrated template, so tests
 * never see each other's rows.
 */
public record TestDatabase(String name, String jdbcUrl, String user, DataSource dataSource) {

  public DSLContext dsl() {
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** Settings a Flink operator or a second component can use to reach this database. */
  public DatabaseConfig config() {
    return DatabaseConfig.of(jdbcUrl, user, null);
  }
}
