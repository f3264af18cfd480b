package io.peerbill.billing.run;

import io.peerbill.billing.BillingJobParameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * One billing run per billing date at a time, across processes and hosts: a PostgreSQL session
 * advisory lock keyed by the date, held on a connection of its own for the whole run. The session
 * ends with its process, so a run killed with SIGKILL frees its date at once; that is also how the
 * next run of the date knows that an execution left STARTED is dead.
 *
 * <p>Keyed by date, not by (date, zone): a day's lines are keyed by connection and date, so runs of
 * one date in two zones would write the same lines.
 */
@Component
public class DayFence {

  /** First half of the lock key ("bill" in ASCII), apart from other advisory locks' keys. */
  static final int LOCK_SPACE = 0x62696c6c;

  /** First half of a month's key ("bilm"): months and days are fenced apart (D13). */
  static final int MONTH_LOCK_SPACE = 0x62696c6d;

  private final DataSource dataSource;
  private final DayExecutions executions;

  public DayFence(DataSource dataSource, DayExecutions executions) {
    this.dataSource = dataSource;
    this.executions = executions;
  }

  /**
   * Takes the date's fence, or refuses at once (waiting would start a run of a day that is being
   * billed, only to find it billed; the operator decides).
   *
   * @throws DayBeingBilledException naming the run that holds it
   */
  public Held hold(LocalDate date) throws SQLException {
    return hold(LOCK_SPACE, key(date), backend -> refusal(date, backend));
  }

  /**
   * Takes a billing month's fence (one monthly run of a month at a time, D13), or refuses at once.
   * Days of the month are fenced apart: a daily run never writes a month line, nor a monthly run a
   * day line.
   *
   * @throws DayBeingBilledException naming the PostgreSQL backend that holds it
   */
  public Held hold(YearMonth month) throws SQLException {
    return hold(MONTH_LOCK_SPACE, key(month), backend -> monthRefusal(month, backend));
  }

  private static String monthRefusal(YearMonth month, int backend) {
    return "cannot bill "
        + month
        + ": it is being billed by another peerbill process (PostgreSQL backend "
        + backend
        + "); run bill --month again once that has finished";
  }

  /**
   * Refuses at once, as {@link #hold(LocalDate)} would, if another run holds the date's fence now;
   * takes nothing (for a run that is queued before it bills, such as the API's).
   *
   * @throws DayBeingBilledException naming the run that holds it
   */
  public void check(LocalDate date) throws SQLException {
    check(LOCK_SPACE, key(date), backend -> refusal(date, backend));
  }

  /** The same for a billing month's fence. */
  public void check(YearMonth month) throws SQLException {
    check(MONTH_LOCK_SPACE, key(month), backend -> monthRefusal(month, backend));
  }

  private void check(int space, int key, IntFunction<String> refusal) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      int backend = holder(connection, space, key);
      if (backend != 0) {
        throw new DayBeingBilledException(refusal.apply(backend));
      }
    }
  }

  private Held hold(int space, int key, IntFunction<String> refusal) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(true);
      if (!call(connection, "SELECT pg_try_advisory_lock(?, ?)", space, key)) {
        throw new DayBeingBilledException(refusal.apply(holder(connection, space, key)));
      }
      return new Held(connection, space, key);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The lock's second half: the date as days since 1970 (fits an int until the year 5.8 M). */
  static int key(LocalDate date) {
    return Math.toIntExact(date.toEpochDay());
  }

  /** A month's second half: months since year 0. */
  static int key(YearMonth month) {
    return month.getYear() * 12 + month.getMonthValue() - 1;
  }

  private static boolean call(Connection connection, String sql, int space, int key)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, space);
      statement.setInt(2, key);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The PostgreSQL backend holding the date's fence (0 if it let go meanwhile). */
  private static int holder(Connection connection, int space, int key) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND classid = ?::oid AND objid = ?::oid AND objsubid = 2")) {
      statement.setLong(1, Integer.toUnsignedLong(space));
      statement.setLong(2, Integer.toUnsignedLong(key));
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private String refusal(LocalDate date, int backend) {
    String by =
        executions.running(date).stream()
            .max(Comparator.comparing(JobExecution::getId))
            .map(DayFence::describe)
            .orElse(
                "another peerbill process (PostgreSQL backend "
                    + backend
                    + ") that has not started its job execution yet");
    return "cannot bill "
        + date
        + ": it is being billed by "
        + by
        + "; run bill again once that has finished";
  }

  private static String describe(JobExecution execution) {
    return "job execution "
        + execution.getId()
        + " ("
        + execution.getJobInstance().getJobName()
        + ", zone "
        + BillingJobParameters.zone(execution.getJobParameters())
        + (execution.getStartTime() == null
            ? ""
            : ", started " + execution.getStartTime().truncatedTo(ChronoUnit.SECONDS))
        + ")";
  }

  /** A date's or month's fence, held until closed. */
  public static final class Held implements AutoCloseable {
    private final Connection connection;
    private final int space;
    private final int key;

    private Held(Connection connection, int space, int key) {
      this.connection = connection;
      this.space = space;
      this.key = key;
    }

    @Override
    public void close() throws SQLException {
      try {
        // Explicitly: the pool keeps the session, and with it a lock it is not told to release.
        call(connection, "SELECT pg_advisory_unlock(?, ?)", space, key);
      } finally {
        connection.close();
      }
    }
  }

  /** Another run holds the date; the message names it. */
  public static final class DayBeingBilledException extends RuntimeException {
    DayBeingBilledException(String message) {
      super(message);
    }
  }
}
