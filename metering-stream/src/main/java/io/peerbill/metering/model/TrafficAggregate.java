package io.peerbill.metering.model;

/**
 * One connection's traffic in one bucket of {@code periodSeconds} (60 or 300, DOMAIN.md D10's
 * statistic periods), summed over all reporters (D4), with the connection's tags. The 1-minute and
 * 5-minute streams of the job carry this type; sinks and alert policies consume it.
 *
 * <p>With allowed lateness a bucket can be emitted again with corrected sums: the latest emission
 * of a (connection, period, bucket start) is the truth, which is why sinks upsert.
 *
 * @param capMbps the bandwidth cap in force at the bucket start; null for same-region connections
 */
public record TrafficAggregate(
    String connectionId,
    int periodSeconds,
    long bucketStart,
    long inBytes,
    long outBytes,
    long inPackets,
    long outPackets,
    long inDropped,
    long outDropped,
    int sampleCount,
    String scope,
    String requesterRegion,
    String accepterRegion,
    String accountId,
    Integer capMbps) {

  public static final int MINUTE = 60;
  public static final int FIVE_MINUTES = 300;

  /** InBandwidth (D10): bits per second averaged over the bucket. */
  public double inBps() {
    return inBytes * 8.0 / periodSeconds;
  }

  /** OutBandwidth (D10). */
  public double outBps() {
    return outBytes * 8.0 / periodSeconds;
  }

  /** InPkg (D10): packets per second. */
  public double inPps() {
    return (double) inPackets / periodSeconds;
  }

  /** OutPkg (D10). */
  public double outPps() {
    return (double) outPackets / periodSeconds;
  }

  /** PkgDrop (D10): % of packets dropped, both directions: dropped / (packets + dropped). */
  public double lossPercent() {
    long dropped = inDropped + outDropped;
    long offered = inPackets + outPackets + dropped;
    return offered == 0 ? 0.0 : dropped * 100.0 / offered;
  }

  /** InbandRate (D10): % of the cap used inbound; null without a cap (same-region). */
  public Double inCapUsePercent() {
    return capMbps == null ? null : inBps() * 100.0 / (capMbps * 1_000_000.0);
  }

  /** OutbandRate (D10). */
  public Double outCapUsePercent() {
    return capMbps == null ? null : outBps() * 100.0 / (capMbps * 1_000_000.0);
  }

  public long bucketEnd() {
    return bucketStart + periodSeconds * 1000L;
  }
}
