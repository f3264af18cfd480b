package io.peerbill.metering.alert;

import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.StatisticPeriod;
import io.peerbill.metering.model.TrafficAggregate;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/** The metering job's 1- and 5-minute aggregates as the periods alert policies read. */
public final class AggregatePeriods implements MapFunction<TrafficAggregate, PeriodTraffic> {

  @Override
  public PeriodTraffic map(TrafficAggregate a) {
    return new PeriodTraffic(
        a.connectionId(),
        StatisticPeriod.ofSeconds(a.periodSeconds()),
        Instant.ofEpochMilli(a.bucketStart()),
        a.counts(),
        a.sampleCount(),
        a.capMbps());
  }
}
