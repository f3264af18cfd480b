package io.peerbill.metering;

import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.sink.RejectionSink;
import io.peerbill.metering.sink.TrafficUpsertSink;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go: aggregates (1- and 5-minute buckets in one stream), rejections, and
 * optionally the monitoring series (InfluxDB). Tests may put collecting sinks here.
 */
public record MeteringSinks(
    Sink<TrafficAggregate> aggregates, Sink<Rejection> rejections, Sink<TrafficAggregate> series) {

  /** PostgreSQL for aggregates and rejections; {@code series} may be null (no InfluxDB). */
  public static MeteringSinks postgres(MeteringSettings settings, Sink<TrafficAggregate> series) {
    return new MeteringSinks(
        new TrafficUpsertSink(
            settings.database(), settings.sinkBatchSize(), settings.retentionDays()),
        new RejectionSink(settings.database(), settings.sinkBatchSize()),
        series);
  }
}
