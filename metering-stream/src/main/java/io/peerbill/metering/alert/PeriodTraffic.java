package io.peerbill.metering.alert;

import java.io.Serializable;
import java.time.Instant;

/**
 * One connection's traffic over one statistic period {@code [windowStart, windowStart + period)}:
 * the summed interval counters of its samples. {@code sampleCount == 0} marks a period with no
 * samples at all (see {@link AlertMetric} for what such a period means to each metric).
 */
public record PeriodTraffic(
    String connectionId,
    StatisticPeriod period,
    Instant windowStart,
    long inBytes,
    long outBytes,
    long inPackets,
    long outPackets,
    long inDropped,
    long outDropped,
    int sampleCount)
    implements Serializable {

  public static PeriodTraffic noSamples(
      String connectionId, StatisticPeriod period, Instant windowStart) {
    return new PeriodTraffic(connectionId, period, windowStart, 0, 0, 0, 0, 0, 0, 0);
  }

  public Instant windowEnd() {
    return windowStart.plusMillis(period.millis());
  }
}
