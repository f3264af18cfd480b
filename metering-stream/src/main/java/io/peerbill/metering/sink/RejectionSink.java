package io.peerbill.metering.sink;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.Rejection;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Stores every rejection in {@code rejected_sample}: raw text, reason, source and position, and the
 * parsed fields when there are any. A position rejected again on replay is one row, not two.
 */
public final class RejectionSink implements Sink<Rejection> {

  private final JdbcTarget database;
  private final int batchSize;

  public RejectionSink(JdbcTarget database, int batchSize) {
    this.database = database;
    this.batchSize = batchSize;
  }

  @Override
  public SinkWriter<Rejection> createWriter(WriterInitContext context) throws IOException {
    return new RejectionWriter(database, batchSize);
  }
}
