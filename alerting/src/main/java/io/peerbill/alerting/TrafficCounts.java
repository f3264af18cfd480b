package io.peerbill.alerting;

import java.io.Serializable;

/**
 * The six interval counters of DOMAIN.md D4: bytes, packets and dropped packets, each inbound and
 * outbound. What one sample reports for its interval, and what a bucket or a period sums; the one
 * value they travel in from the wire line to the stored bucket, the alert period and the API.
 */
public record TrafficCounts(
    long inBytes, long outBytes, long inPackets, long outPackets, long inDropped, long outDropped)
    implements Serializable {

  public static final TrafficCounts ZERO = new TrafficCounts(0, 0, 0, 0, 0, 0);

  /**
   * Adds the counters to {@code sums[at..at+5]}, in the order of the record: the running sums of a
   * bucket kept as a flat array, which Flink state and the hot batch loops hold without boxing.
   */
  public void addTo(long[] sums, int at) {
    sums[at] += inBytes;
    sums[at + 1] += outBytes;
    sums[at + 2] += inPackets;
    sums[at + 3] += outPackets;
    sums[at + 4] += inDropped;
    sums[at + 5] += outDropped;
  }
}
