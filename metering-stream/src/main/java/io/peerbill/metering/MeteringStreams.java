package io.peerbill.metering;

import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.TrafficAggregate;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's streams once built, for side branches such as alert policy evaluation: both aggregate
 * streams are keyed-by-connection outputs of event-time windows (a bucket may be re-emitted with
 * corrected sums while within the allowed lateness).
 */
public record MeteringStreams(
    DataStream<TrafficAggregate> minuteAggregates,
    DataStream<TrafficAggregate> fiveMinuteAggregates,
    DataStream<Rejection> rejections) {}
