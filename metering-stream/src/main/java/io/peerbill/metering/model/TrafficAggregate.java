package io.peerbill.metering.model;

import io.peerbill.alerting.D10Metrics;
import io.peerbill.alerting.TrafficCounts;
import java.util.OptionalDouble;

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
    TrafficCounts counts,
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
    return D10Metrics.bandwidthBps(counts.inBytes(), periodSeconds);
  }

  /** OutBandwidth (D10). */
  public double outBps() {
    return D10Metrics.bandwidthBps(counts.outBytes(), periodSeconds);
  }

  /** InPkg (D10): packets per second. */
  public double inPps() {
    return D10Metrics.packetsPerSecond(counts.inPackets(), periodSeconds);
  }

  /** OutPkg (D10). */
  public double outPps() {
    return D10Metrics.packetsPerSecond(counts.outPackets(), periodSeconds);
  }

  /** PkgDrop (D10); no value for a bucket without packets. */
  public OptionalDouble lossPercent() {
    return D10Metrics.pkgDropPercent(counts);
  }

  /** InbandRate (D10): % of the cap used inbound; no value without a cap (same-region). */
  public OptionalDouble inCapUsePercent() {
    return D10Metrics.capUsePercent(counts.inBytes(), periodSeconds, capMbps);
  }

  /** OutbandRate (D10). */
  public OptionalDouble outCapUsePercent() {
    return D10Metrics.capUsePercent(counts.outBytes(), periodSeconds, capMbps);
  }

  public long bucketEnd() {
    return bucketStart + periodSeconds * 1000L;
  }
}
