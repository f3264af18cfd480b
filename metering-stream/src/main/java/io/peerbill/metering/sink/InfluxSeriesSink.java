package io.peerbill.metering.sink;

import io.peerbill.metering.model.TrafficAggregate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes aggregates to InfluxDB 2 as line protocol, on Flink's async sink: batched, several
 * requests in flight, every in-flight request completed at each checkpoint and the rest of the
 * buffer kept in the checkpoint, so no point is lost on a restart; a full buffer backpressures the
 * job. Failed requests are retried with backoff, then fail the job.
 */
public final class InfluxSeriesSink extends AsyncSinkBase<TrafficAggregate, String> {

  private final InfluxTarget target;

  public InfluxSeriesSink(InfluxTarget target) {
    super(
        (aggregate, context) -> InfluxPoints.lineProtocol(aggregate),
        5_000, // points per request
        2, // requests in flight
        50_000, // points buffered before backpressure
        8L * 1024 * 1024, // bytes per request
        1_000, // ms a point may wait for a fuller batch
        64 * 1024); // bytes per point
    this.target = target;
  }

  @Override
  public StatefulSinkWriter<TrafficAggregate, BufferedRequestState<String>> createWriter(
      WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<TrafficAggregate, BufferedRequestState<String>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<String>> state) {
    return new InfluxSeriesWriter(getElementConverter(), context, configuration(), state, target);
  }

  private org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration
      configuration() {
    return org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration.builder()
        .setMaxBatchSize(getMaxBatchSize())
        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
        .setMaxInFlightRequests(getMaxInFlightRequests())
        .setMaxBufferedRequests(getMaxBufferedRequests())
        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
        .build();
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
    return new AsyncSinkWriterStateSerializer<>() {
      @Override
      protected void serializeRequestToStream(String line, DataOutputStream out)
          throws IOException {
        out.writeUTF(line);
      }

      @Override
      protected String deserializeRequestFromStream(long size, DataInputStream in)
          throws IOException {
        return in.readUTF();
      }

      @Override
      public int getVersion() {
        return 1;
      }
    };
  }
}
