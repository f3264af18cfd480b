package io.peerbill.alerting;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The monitoring metrics an alert policy can watch, with the vendor's names (D10), and how each is
 * computed from one statistic period of a connection's traffic.
 *
 * <p>A period with no samples counts as zero traffic for bandwidth and packet rates (a silent link
 * carries nothing), but gives no value for loss rate and cap utilisation: there is nothing to take
 * a ratio of, and "no data" must neither fire nor resolve those alerts.
 */
public enum AlertMetric {
  IN_BANDWIDTH("InBandwidth", "Mbps", "100000", false),
  OUT_BANDWIDTH("OutBandwidth", "Mbps", "100000", false),
  IN_PKG("InPkg", "packets/s", "1000000000", false),
  OUT_PKG("OutPkg", "packets/s", "1000000000", false),
  PKG_DROP("PkgDrop", "%", "100", false),
  INBAND_RATE("InbandRate", "% of cap", "100", true),
  OUTBAND_RATE("OutbandRate", "% of cap", "100", true);

  private final String vendorName;
  private final String unit;
  private final BigDecimal maxThreshold;
  private final boolean crossRegionOnly;

  AlertMetric(String vendorName, String unit, String maxThreshold, boolean crossRegionOnly) {
    this.vendorName = vendorName;
    this.unit = unit;
    this.maxThreshold = new BigDecimal(maxThreshold);
    this.crossRegionOnly = crossRegionOnly;
  }

  public String vendorName() {
    return vendorName;
  }

  public String unit() {
    return unit;
  }

  public BigDecimal maxThreshold() {
    return maxThreshold;
  }

  /** Utilisation is a share of the bandwidth cap, and only cross-region connections have one. */
  public boolean crossRegionOnly() {
    return crossRegionOnly;
  }

  public static AlertMetric fromVendorName(String name) {
    for (AlertMetric metric : values()) {
      if (metric.vendorName.equalsIgnoreCase(name)) {
        return metric;
      }
    }
    throw new InvalidAlertPolicyException(
        "unknown metric '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(m -> m.vendorName).collect(Collectors.joining(", ")));
  }

  /**
   * The metric's value over one period, or empty when the period gives no verdict (see the class
   * comment). {@code capMbps} is the connection's cap, null for same-region connections.
   */
  public OptionalDouble valueOf(PeriodTraffic traffic, Integer capMbps) {
    double seconds = traffic.period().seconds();
    TrafficCounts c = traffic.counts();
    return switch (this) {
      case IN_BANDWIDTH -> OptionalDouble.of(D10Metrics.bandwidthMbps(c.inBytes(), seconds));
      case OUT_BANDWIDTH -> OptionalDouble.of(D10Metrics.bandwidthMbps(c.outBytes(), seconds));
      case IN_PKG -> OptionalDouble.of(D10Metrics.packetsPerSecond(c.inPackets(), seconds));
      case OUT_PKG -> OptionalDouble.of(D10Metrics.packetsPerSecond(c.outPackets(), seconds));
      case PKG_DROP -> D10Metrics.pkgDropPercent(c);
      case INBAND_RATE -> utilisation(traffic, c.inBytes(), capMbps);
      case OUTBAND_RATE -> utilisation(traffic, c.outBytes(), capMbps);
    };
  }

  private static OptionalDouble utilisation(PeriodTraffic t, long bytes, Integer capMbps) {
    if (t.sampleCount() == 0) {
      return OptionalDouble.empty();
    }
    return D10Metrics.capUsePercent(bytes, t.period().seconds(), capMbps);
  }
}
