package io.peerbill.metering.sink;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.peerbill.metering.DaemonThreads;
import io.peerbill.metering.model.TrafficAggregate;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * The writer of {@link InfluxSeriesSink}: each batch is written by the InfluxDB client on a thread
 * of its own, so the task thread keeps processing while requests are in flight.
 */
final class InfluxSeriesWriter extends AsyncSinkWriter<TrafficAggregate, String> {

  private final InfluxTarget target;
  private final InfluxDBClient client;
  private final ExecutorService requests;

  InfluxSeriesWriter(
      ElementConverter<TrafficAggregate, String> converter,
      WriterInitContext context,
      AsyncSinkWriterConfiguration configuration,
      Collection<BufferedRequestState<String>> state,
      InfluxTarget target) {
    super(converter, context, configuration, state);
    this.target = target;
    this.client =
        InfluxDBClientFactory.create(
            target.url(),
            target.token() == null ? new char[0] : target.token().toCharArray(),
            target.org(),
            target.bucket());
    this.requests = DaemonThreads.single("influx-writer");
  }

  @Override
  protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
    requests.execute(
        () -> {
          try {
            write(lines);
            result.complete();
          } catch (IOException e) {
            result.completeExceptionally(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.retryForEntries(lines);
          }
        });
  }

  private void write(List<String> lines) throws IOException, InterruptedException {
    long backoff = target.firstBackoffMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        client.getWriteApiBlocking().writeRecords(WritePrecision.MS, lines);
        return;
      } catch (RuntimeException e) {
        if (attempt >= target.attempts()) {
          throw new IOException(
              "InfluxDB at "
                  + target.url()
                  + " refused "
                  + lines.size()
                  + " points "
                  + attempt
                  + " times: "
                  + e.getMessage(),
              e);
        }
        Thread.sleep(backoff);
        backoff *= 2;
      }
    }
  }

  /**
   * Sends everything buffered at every checkpoint, not only at the end: InfluxDB then holds every
   * point of a completed checkpoint, and the checkpoint carries no buffered points.
   */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    super.flush(true);
  }

  @Override
  protected long getSizeInBytes(String line) {
    return line.length();
  }

  @Override
  public void close() {
    requests.shutdownNow();
    client.close();
    super.close();
  }
}
