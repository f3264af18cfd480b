package io.peerbill.metering.model;

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
    inBytes += s.inBytes();
    outBytes += s.outBytes();
    inPackets += s.inPackets();
    outPackets += s.outPackets();
    inDropped += s.inDropped();
    outDropped += s.outDropped();
    sampleCount++;
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
