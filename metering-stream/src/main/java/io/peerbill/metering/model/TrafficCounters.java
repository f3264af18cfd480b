package io.peerbill.metering.model;

import io.peerbill.alerting.TrafficCounts;

/**
 * Running sums of one bucket (the window accumulator). Mutable with public fields so Flink
 * serializes it as a POJO without reflection on every access.
 */
public class TrafficCounters {
  public long inBytes;
  public long outBytes;
  public long inPackets;
  public long outPackets;
  public long inDropped;
  public long outDropped;
  public int sampleCount;

  public TrafficCounters() {}

  public void add(Sample s) {
    TrafficCounts c = s.counts();
    inBytes += c.inBytes();
    outBytes += c.outBytes();
    inPackets += c.inPackets();
    outPackets += c.outPackets();
    inDropped += c.inDropped();
    outDropped += c.outDropped();
    sampleCount++;
  }

  /** The sums so far, as the value the aggregates carry. */
  public TrafficCounts counts() {
    return new TrafficCounts(inBytes, outBytes, inPackets, outPackets, inDropped, outDropped);
  }

  public void add(TrafficCounters other) {
    inBytes += other.inBytes;
    outBytes += other.outBytes;
    inPackets += other.inPackets;
    outPackets += other.outPackets;
    inDropped += other.inDropped;
    outDropped += other.outDropped;
    sampleCount += other.sampleCount;
  }
}
