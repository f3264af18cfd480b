package io.peerbill.metering.sink;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.TrafficAggregate;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Upserts 1- and 5-minute aggregates into traffic_1m / traffic_5m keyed by (connection, bucket
 * start): the latest emission of a bucket wins, so replays and restarts converge to the same rows.
 * Creates daily partitions as needed; with a retention of N days, drops older partitions when it
 * starts and once per (processing-time) day.
 */
public final class TrafficUpsertSink implements Sink<TrafficAggregate> {

  private final JdbcTarget database;
  private final int batchSize;
  private final int retentionDays;

  /**
   * @param retentionDays days of partitions to keep, 0 to keep everything
   */
  public TrafficUpsertSink(JdbcTarget database, int batchSize, int retentionDays) {
    this.database = database;
    this.batchSize = batchSize;
    this.retentionDays = retentionDays;
  }

  @Override
  public SinkWriter<TrafficAggregate> createWriter(WriterInitContext context) throws IOException {
    return new TrafficUpsertWriter(database, batchSize, retentionDays);
  }
}
