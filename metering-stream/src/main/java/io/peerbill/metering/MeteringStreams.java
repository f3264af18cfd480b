package io.peerbill.metering;

import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.TrafficAggregate;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's streams once built, for side branches such as alert policy evaluation: the aggregates
 * (1- and 5-minute buckets, by {@link TrafficAggregate#periodSeconds()}) are the
 * keyed-by-connection output of event-time buckets (a bucket may be re-emitted with corrected sums
 * while within the allowed lateness).
 */
public record MeteringStreams(
    DataStream<TrafficAggregate> aggregates, DataStream<Rejection> rejections) {}
