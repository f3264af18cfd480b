package io.peerbill.metering.aggregate;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficAggregate;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The bucket aggregation: per connection, tumbling event-time windows of the bucket length, summed
 * incrementally, kept open for the allowed lateness so late samples re-emit the corrected bucket.
 */
public final class BucketWindows {

  private BucketWindows() {}

  public static SingleOutputStreamOperator<TrafficAggregate> aggregate(
      KeyedStream<Sample, String> byConnection,
      Duration length,
      Duration allowedLateness,
      JdbcTarget database,
      long catalogRefreshMillis) {
    return byConnection
        .window(TumblingEventTimeWindows.of(length))
        .allowedLateness(allowedLateness)
        .aggregate(new CounterAggregator(), new BucketEmitter(database, catalogRefreshMillis));
  }
}
