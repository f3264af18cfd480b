package io.peerbill.tools.gen;

import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * A day-shaped traffic level: low at night, high in the evening (in the connection's local time),
 * with occasional bursts of a few minutes, so peaks and alert thresholds have something to find.
 */
final class TrafficShape {

  private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

  private final double baseBps;
  private long burstUntil = Long.MIN_VALUE;

  TrafficShape(double baseBps) {
    this.baseBps = baseBps;
  }

  /** Bits per second at {@code instant}. */
  double bps(long instant, SplittableRandom random) {
    int minuteOfDay =
        Instant.ofEpochMilli(instant).atZone(LOCAL).toLocalTime().toSecondOfDay() / 60;
    // Trough around 04:00, crest around 16:00 (+ evening shoulder), never below 15% of the base.
    double diurnal = 0.575 + 0.425 * Math.sin(2 * Math.PI * (minuteOfDay - 600) / 1440.0);
    if (instant >= burstUntil && random.nextDouble() < 0.005) {
      burstUntil = instant + 60_000L * (2 + random.nextInt(8));
    }
    double burst = instant < burstUntil ? 2.5 : 1.0;
    double jitter = 0.9 + 0.2 * random.nextDouble();
    return baseBps * Math.max(0.15, diurnal) * burst * jitter;
  }
}
