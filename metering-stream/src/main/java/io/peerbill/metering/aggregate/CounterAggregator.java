package io.peerbill.metering.aggregate;

import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficCounters;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums the samples of one connection's bucket, over all its reporters (D4). */
public final class CounterAggregator
    implements AggregateFunction<Sample, TrafficCounters, TrafficCounters> {

  @Override
  public TrafficCounters createAccumulator() {
    return new TrafficCounters();
  }

  @Override
  public TrafficCounters add(Sample sample, TrafficCounters sums) {
    sums.add(sample);
    return sums;
  }

  @Override
  public TrafficCounters getResult(TrafficCounters sums) {
    return sums;
  }

  @Override
  public TrafficCounters merge(TrafficCounters a, TrafficCounters b) {
    a.add(b);
    return a;
  }
}
