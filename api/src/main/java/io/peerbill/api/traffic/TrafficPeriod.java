package io.peerbill.api.traffic;

import io.peerbill.api.error.ApiException;

/** The statistic periods of D10: 60 s (traffic_1m) and 300 s (billable_traffic_5m). */
public enum TrafficPeriod {
  ONE_MINUTE(60),
  FIVE_MINUTES(300);

  private final int seconds;

  TrafficPeriod(int seconds) {
    this.seconds = seconds;
  }

  public int seconds() {
    return seconds;
  }

  /** {@code 60s} or {@code 300s}. */
  public static TrafficPeriod parse(String text) {
    for (TrafficPeriod p : values()) {
      if ((p.seconds + "s").equals(text)) {
        return p;
      }
    }
    throw ApiException.invalid("period must be 60s or 300s (D10), got '" + text + "'");
  }
}
