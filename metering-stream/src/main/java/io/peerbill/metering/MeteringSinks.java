package io.peerbill.metering;

import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.TrafficAggregate;
import io.peerbill.metering.sink.RejectionSink;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go: the billing-grade traffic (every counted sample, into PostgreSQL
 * through the ledger), rejections, and optionally the monitoring series (InfluxDB) of the 1- and
 * 5-minute buckets. Tests may put collecting sinks for rejections and series here; a null {@code
 * traffic} discards it (benchmarks of the job alone).
 */
public record MeteringSinks(
    JdbcTarget traffic, Sink<Rejection> rejections, Sink<TrafficAggregate> series) {

  /** PostgreSQL for traffic and rejections; {@code series} may be null (no InfluxDB). */
  public static MeteringSinks postgres(MeteringSettings settings, Sink<TrafficAggregate> series) {
    return new MeteringSinks(
        settings.database(),
        new RejectionSink(settings.database(), settings.sinkBatchSize()),
        series);
  }
}
