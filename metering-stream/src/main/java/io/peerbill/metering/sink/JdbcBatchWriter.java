package io.peerbill.metering.sink;

import io.peerbill.metering.JdbcTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Buffers rows and writes them to PostgreSQL in one transaction per batch: when the buffer is full,
 * and at every checkpoint and at the end of input ({@link #flush}), so a completed checkpoint never
 * leaves rows unwritten. Writes must be idempotent: after a restore, rows written since the last
 * checkpoint are written again.
 */
abstract class JdbcBatchWriter<T> implements SinkWriter<T> {

  private final JdbcTarget database;
  private final int batchSize;
  private Connection connection;
  private DSLContext sql;

  JdbcBatchWriter(JdbcTarget database, int batchSize) {
    this.database = database;
    this.batchSize = batchSize;
  }

  /** Adds a row to the buffer. */
  abstract void buffer(T element);

  /** The buffered rows; cleared after a successful write. */
  abstract Collection<?> buffered();

  /** Writes the buffered rows within the current transaction. */
  abstract void writeBuffered(DSLContext sql);

  /** Whether a flush has something to write even with no rows buffered. */
  boolean hasOtherWork() {
    return false;
  }

  @Override
  public final void write(T element, Context context) throws IOException {
    buffer(element);
    if (buffered().size() >= batchSize) {
      flush(false);
    }
  }

  @Override
  public final void flush(boolean endOfInput) throws IOException {
    if (buffered().isEmpty() && !hasOtherWork()) {
      return;
    }
    try {
      DSLContext dsl = sql();
      dsl.transaction(tx -> writeBuffered(tx.dsl()));
      buffered().clear();
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      throw new IOException("cannot write to " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  DSLContext sql() throws SQLException {
    if (connection == null) {
      connection = database.connect();
      sql = DSL.using(connection, SQLDialect.POSTGRES);
    }
    return sql;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Broken already; the next flush opens a new one.
      }
      connection = null;
      sql = null;
    }
  }

  @Override
  public void close() {
    closeConnection();
  }
}
