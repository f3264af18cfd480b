package io.peerbill.metering.aggregate;

import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficCounters;

/**
 * One connection's sums of one 5-minute bucket, minute by minute: each minute is a 1-minute bucket
 * of its own and the five together are the 5-minute bucket. A Flink POJO of flat arrays (public
 * fields, no-arg constructor), so it is serialized without Kryo.
 */
public final class FiveMinuteSums {

  private static final int COUNTERS = 6;

  /** Per minute: in/out bytes, in/out packets, in/out dropped. */
  public long[] sums = new long[5 * COUNTERS];

  public int[] samples = new int[5];

  public FiveMinuteSums() {}

  public void add(int minute, Sample s) {
    s.counts().addTo(sums, minute * COUNTERS);
    samples[minute]++;
  }

  public boolean has(int minute) {
    return samples[minute] > 0;
  }

  /** The sums of one minute. */
  public TrafficCounters minute(int minute) {
    TrafficCounters c = new TrafficCounters();
    addMinute(c, minute);
    return c;
  }

  /** The sums of all five minutes. */
  public TrafficCounters total() {
    TrafficCounters c = new TrafficCounters();
    for (int minute = 0; minute < 5; minute++) {
      addMinute(c, minute);
    }
    return c;
  }

  private void addMinute(TrafficCounters c, int minute) {
    int at = minute * COUNTERS;
    c.inBytes += sums[at];
    c.outBytes += sums[at + 1];
    c.inPackets += sums[at + 2];
    c.outPackets += sums[at + 3];
    c.inDropped += sums[at + 4];
    c.outDropped += sums[at + 5];
    c.sampleCount += samples[minute];
  }
}
