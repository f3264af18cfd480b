package io.peerbill.api.change;

import io.peerbill.db.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the API server keep answers in memory without missing a change made by another process (a
 * key revoked by {@code peerbill api-key revoke}, buckets written by the stream): it LISTENs on
 * each subscriber's channel over a connection of its own and passes on what it hears. A subscriber
 * may cache only while told it is {@link Subscriber#listening}; when the connection breaks it is
 * told to stop (and drop what it holds) until the connection is back.
 */
public final class ChangeNotices implements AutoCloseable {

  /** What a cache does when its channel speaks, and when hearing starts or stops. */
  public record Subscriber(Consumer<Boolean> listening, Consumer<String> heard) {}

  private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

  /** How long a wait for notices lasts; a silent connection is then checked with a query. */
  private static final int POLL_MILLIS = 5_000;

  private static final int RETRY_MILLIS = 1_000;

  private final DatabaseConfig database;
  private final Map<String, Subscriber> byChannel;
  private final Thread thread;
  private volatile boolean running = true;
  private final AtomicLong heard = new AtomicLong();

  private ChangeNotices(DatabaseConfig database, Map<String, Subscriber> byChannel) {
    this.database = database;
    this.byChannel = Map.copyOf(byChannel);
    this.thread = new Thread(this::run, "peerbill-change-notices");
    thread.setDaemon(true);
  }

  public static ChangeNotices start(DatabaseConfig database, Map<String, Subscriber> byChannel) {
    ChangeNotices notices = new ChangeNotices(database, byChannel);
    notices.thread.start();
    return notices;
  }

  private void run() {
    while (running) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        for (String channel : byChannel.keySet()) {
          s.execute("LISTEN " + channel);
        }
        // Only now: a change committed before the LISTEN took effect was never cached.
        byChannel.values().forEach(sub -> sub.listening().accept(true));
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
          if (notices == null || notices.length == 0) {
            s.execute("SELECT 1");
            continue;
          }
          for (PGNotification n : notices) {
            Subscriber sub = byChannel.get(n.getName());
            if (sub != null) {
              sub.heard().accept(n.getParameter());
            }
            heard.incrementAndGet();
          }
        }
      } catch (SQLException e) {
        stopListening();
        if (running) {
          log.warn(
              "not hearing database changes, answers are read per request: {}", e.getMessage());
          sleep();
        }
      }
    }
    stopListening();
  }

  private void stopListening() {
    byChannel.values().forEach(sub -> sub.listening().accept(false));
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (database.user() != null) {
      props.setProperty("user", database.user());
    }
    if (database.password() != null) {
      props.setProperty("password", database.password());
    }
    props.setProperty("ApplicationName", "peerbill-api-changes");
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(database.url(), props);
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many notices have been passed on so far (what a caller waits on after a change). */
  public long heard() {
    return heard.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
