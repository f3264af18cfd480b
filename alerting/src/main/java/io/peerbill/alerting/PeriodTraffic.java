package io.peerbill.alerting;

import java.io.Serializable;
import java.time.Instant;

/**
 * One connection's traffic over one statistic period {@code [windowStart, windowStart + period)}:
 * the summed counters of its samples. {@code sampleCount == 0} marks a period with no samples at
 * all (see {@link AlertMetric} for what such a period means to each metric). {@code capMbps} is the
 * cap in force at the period's start (null: same-region, or not known).
 */
public record PeriodTraffic(
    String connectionId,
    StatisticPeriod period,
    Instant windowStart,
    TrafficCounts counts,
    int sampleCount,
    Integer capMbps)
    implements Serializable {

  public static PeriodTraffic noSamples(
      String connectionId, StatisticPeriod period, Instant windowStart) {
    return new PeriodTraffic(connectionId, period, windowStart, TrafficCounts.ZERO, 0, null);
  }

  /**
   * The cap utilisation is measured against (D10): the one in force at the period's start, as the
   * aggregate carries it; the connection's current cap only when the period does not say.
   */
  public Integer capInForce(Integer connectionCap) {
    return capMbps != null ? capMbps : connectionCap;
  }

  public Instant windowEnd() {
    return windowStart.plusMillis(period.millis());
  }
}
