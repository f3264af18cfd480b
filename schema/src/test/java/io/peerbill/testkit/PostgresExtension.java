package io.peerbill.testkit;

import io.peerbill.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gives tests a real PostgreSQL: one throwaway embedded server per test JVM, migrated once into a
 * template database; every test method that asks for a {@link TestDatabase} gets its own copy of
 * that template (CREATE DATABASE ... TEMPLATE is a file copy, a few tens of milliseconds).
 *
 * <p>Use with {@code @ExtendWith(PostgresExtension.class)} and a {@code TestDatabase} parameter.
 */
public final class PostgresExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final String TEMPLATE = "peerbill_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static volatile EmbeddedPostgres server;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  /**
   * One database per test method, shared by its {@code @BeforeEach} methods (they resolve with the
   * method's context), dropped when the method ends.
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(context.getUniqueId(), id -> new Dropper(create()), Dropper.class)
        .database;
  }

  private static TestDatabase create() {
    try {
      return newDatabase();
    } catch (SQLException e) {
      throw new ParameterResolutionException("cannot create a test database", e);
    }
  }

  private record Dropper(TestDatabase database) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      try (Connection c = server().getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
      }
    }
  }

  /** A fresh migrated database, also usable outside JUnit parameters (e.g. in a benchmark). */
  public static TestDatabase newDatabase() throws SQLException {
    return copyOf(TEMPLATE);
  }

  /**
   * A second database holding every row of {@code db} as it is now, ids included: what a test needs
   * that compares a disturbed run with an undisturbed one over the same registered world (the
   * peering service gives random ids, so registering twice would give two worlds). Nothing may be
   * connected to {@code db} while it is copied.
   */
  public static TestDatabase copyOf(TestDatabase db) throws SQLException {
    return copyOf(db.name());
  }

  private static TestDatabase copyOf(String template) throws SQLException {
    EmbeddedPostgres pg = server();
    String name = "test_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
    }
    return new TestDatabase(
        name, pg.getJdbcUrl("postgres", name), "postgres", dataSource(pg, name));
  }

  /** The server itself, for tests that need a second database product-level handle. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + TEMPLATE);
        }
        Migrations.apply(dataSource(pg, TEMPLATE));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
        server = pg;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare the template database", e);
      }
    }
    return server;
  }

  private static PGSimpleDataSource dataSource(EmbeddedPostgres pg, String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(pg.getJdbcUrl("postgres", database));
    return ds;
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException ignored) {
      // The JVM is exiting; zonky's own hook removes the data folder.
    }
  }
}
