package io.peerbill.metering.sink;

import io.peerbill.metering.DaemonThreads;
import io.peerbill.metering.JdbcTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Buffers rows and writes them to PostgreSQL in one transaction per batch: when the buffer is full,
 * and at every checkpoint and at the end of input ({@link #flush}), so a completed checkpoint never
 * leaves rows unwritten. Writes must be idempotent: after a restore, rows written since the last
 * checkpoint are written again.
 *
 * <p>A batch is written on a thread of the writer's own while the task thread goes on processing
 * (PostgreSQL's work overlaps Flink's). At most one batch is in flight, so batches apply in order
 * and memory stays at two batches; a flush waits for it, and a failed write fails the next write or
 * flush, which fails the job.
 */
abstract class JdbcBatchWriter<T> implements SinkWriter<T> {

  /** Rows taken out of the buffer, to be written on the writer thread. */
  interface Batch {
    void writeTo(DSLContext sql);
  }

  private final JdbcTarget database;
  private final int batchSize;
  private final ExecutorService writer;
  private Future<?> inFlight;
  private Connection connection;
  private DSLContext sql;

  JdbcBatchWriter(JdbcTarget database, int batchSize) {
    this.database = database;
    this.batchSize = batchSize;
    this.writer = DaemonThreads.single("jdbc-writer");
  }

  /** Adds a row to the buffer. */
  abstract void buffer(T element);

  /** How many rows are buffered. */
  abstract int bufferedCount();

  /** Takes everything buffered (the buffer is empty afterwards). */
  abstract Batch takeBuffered();

  /** Whether a flush has something to write even with no rows buffered. */
  boolean hasOtherWork() {
    return false;
  }

  @Override
  public final void write(T element, Context context) throws IOException {
    buffer(element);
    if (bufferedCount() >= batchSize) {
      submit();
    }
  }

  @Override
  public final void flush(boolean endOfInput) throws IOException {
    if (bufferedCount() > 0 || hasOtherWork()) {
      submit();
    }
    awaitInFlight();
  }

  private void submit() throws IOException {
    awaitInFlight();
    Batch batch = takeBuffered();
    inFlight = writer.submit(() -> write(batch));
  }

  private Void write(Batch batch) throws IOException {
    try {
      sql().transaction(tx -> batch.writeTo(tx.dsl()));
      return null;
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      throw new IOException("cannot write to " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing to " + database.describe(), e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      inFlight = null;
    }
  }

  private DSLContext sql() throws SQLException {
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
        // Broken already; the next batch opens a new one.
      }
      connection = null;
      sql = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    writer.shutdownNow();
    writer.awaitTermination(1, TimeUnit.MINUTES);
    closeConnection();
  }
}
