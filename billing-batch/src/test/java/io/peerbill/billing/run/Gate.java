package io.peerbill.billing.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A lock the test holds so that a billing run stops at a chosen point, and the means to see that it
 * has stopped there: PostgreSQL reports the run's backend as blocked by the gate's.
 */
final class Gate implements AutoCloseable {

  /** First half of the key of advisory-lock gates (in bill_line's gate trigger). */
  static final int ADVISORY_SPACE = 4242;

  private final Connection connection;
  private final int pid;

  private Gate(Connection connection) throws SQLException {
    this.connection = connection;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      this.pid = rs.getInt(1);
    }
  }

  /** Holds the table against every reader and writer until closed. */
  static Gate onTable(DataSource dataSource, String table) throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
    }
    return new Gate(connection);
  }

  /** Holds the advisory lock (ADVISORY_SPACE, key) until closed. */
  static Gate advisory(DataSource dataSource, int key) throws SQLException {
    Connection connection = dataSource.getConnection();
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
      s.setInt(1, ADVISORY_SPACE);
      s.setInt(2, key);
      s.execute();
    }
    return new Gate(connection);
  }

  /** Whether some backend waits for this gate. */
  boolean blocksSomeone() throws SQLException {
    // Within the gate's transaction PostgreSQL would show the activity of its first look again.
    try (Statement clear = connection.createStatement()) {
      clear.execute("SELECT pg_stat_clear_snapshot()");
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid)))")) {
      s.setInt(1, pid);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** What the other backends are doing, for a test that waited in vain. */
  String activity() throws SQLException {
    StringBuilder out = new StringBuilder("gate backend " + pid + "; others:");
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid)::text,"
                    + " left(query, 120) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    + "")) {
      while (rs.next()) {
        out.append("\n  ");
        for (int i = 1; i <= 6; i++) {
          out.append(rs.getString(i)).append(" | ");
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() throws SQLException {
    if (connection.isClosed()) {
      return;
    }
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } finally {
      connection.close();
    }
  }
}
