package io.peerbill.alerting;

import java.time.Instant;

/** The statistic periods a policy can be evaluated on (D10): 60 s and 300 s aggregates. */
public enum StatisticPeriod {
  ONE_MINUTE(60),
  FIVE_MINUTES(300);

  private final int seconds;

  StatisticPeriod(int seconds) {
    this.seconds = seconds;
  }

  public int seconds() {
    return seconds;
  }

  public long millis() {
    return seconds * 1000L;
  }

  /** Start of the period that contains {@code t} (periods are aligned to the epoch, UTC). */
  public Instant startOf(Instant t) {
    long ms = t.toEpochMilli();
    return Instant.ofEpochMilli(ms - Math.floorMod(ms, millis()));
  }

  public static StatisticPeriod ofSeconds(int seconds) {
    for (StatisticPeriod p : values()) {
      if (p.seconds == seconds) {
        return p;
      }
    }
    throw new InvalidAlertPolicyException(
        "statistic period must be 1 or 5 minutes, got " + seconds + " s");
  }

  /** Accepts {@code 1}, {@code 5}, {@code 1m}, {@code 5m}, {@code 60s}, {@code 300s}. */
  public static StatisticPeriod parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case "1", "1m", "1min", "60s", "60" -> ONE_MINUTE;
      case "5", "5m", "5min", "300s", "300" -> FIVE_MINUTES;
      default ->
          throw new InvalidAlertPolicyException(
              "statistic period must be 1m or 5m, got '" + text + "'");
    };
  }
}
