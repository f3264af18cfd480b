package io.peerbill.alerting;

import java.util.OptionalDouble;

/**
 * The monitoring metrics of DOMAIN.md D10, computed from one bucket or period of summed counters:
 * the one definition the series sink and the alert evaluator share. A ratio with nothing to take it
 * of (no packets, no cap) has no value, rather than 0: "no data" must neither draw a zero on a
 * dashboard nor fire or resolve an alert.
 */
public final class D10Metrics {

  private static final double BITS_PER_BYTE = 8;
  private static final double BPS_PER_MBPS = 1_000_000;

  private D10Metrics() {}

  /** InBandwidth / OutBandwidth: bits per second averaged over the bucket. */
  public static double bandwidthBps(long bytes, double seconds) {
    return bytes * BITS_PER_BYTE / seconds;
  }

  /** The same in Mbps (1 Mbps = 10^6 bps, D5). */
  public static double bandwidthMbps(long bytes, double seconds) {
    return bandwidthBps(bytes, seconds) / BPS_PER_MBPS;
  }

  /** InPkg / OutPkg: packets per second. */
  public static double packetsPerSecond(long packets, double seconds) {
    return packets / seconds;
  }

  /** PkgDrop: % of packets dropped, both directions: dropped / (packets + dropped). */
  public static OptionalDouble pkgDropPercent(TrafficCounts c) {
    long dropped = c.inDropped() + c.outDropped();
    long offered = c.inPackets() + c.outPackets() + dropped;
    return offered == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * dropped / offered);
  }

  /** InbandRate / OutbandRate: % of the bandwidth cap used; no value without a cap. */
  public static OptionalDouble capUsePercent(long bytes, double seconds, Integer capMbps) {
    return capMbps == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(100.0 * bandwidthMbps(bytes, seconds) / capMbps);
  }
}
