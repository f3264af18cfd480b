package io.peerbill.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a firing alert is notified again (D11): never, or every {@code interval} (5 min .. 1 day),
 * optionally doubling after each repeat (5, 10, 20, 40 min, ...), never longer than a day.
 *
 * @param intervalSeconds null for no repeats
 */
public record RepeatSchedule(Integer intervalSeconds, boolean exponential)
    implements java.io.Serializable {

  public static final RepeatSchedule NONE = new RepeatSchedule(null, false);
  static final long MIN_SECONDS = Duration.ofMinutes(5).toSeconds();
  static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|min|h|d)");

  public RepeatSchedule {
    if (intervalSeconds == null && exponential) {
      throw new InvalidAlertPolicyException("an exponential repeat needs a repeat interval");
    }
    if (intervalSeconds != null
        && (intervalSeconds < MIN_SECONDS || intervalSeconds > MAX_SECONDS)) {
      throw new InvalidAlertPolicyException(
          "repeat interval must be between 5m and 1d, got " + describe(intervalSeconds));
    }
  }

  public static RepeatSchedule every(Duration interval, boolean exponential) {
    return new RepeatSchedule(Math.toIntExact(interval.toSeconds()), exponential);
  }

  public boolean repeats() {
    return intervalSeconds != null;
  }

  /**
   * When the next repeat is due, given the end of the window of the last notice and how many
   * repeats were already sent since the alert fired.
   */
  public Optional<Instant> nextDue(Instant lastNotice, int repeatsSent) {
    if (intervalSeconds == null) {
      return Optional.empty();
    }
    long gap = intervalSeconds;
    if (exponential) {
      gap = intervalSeconds * (1L << Math.min(repeatsSent, 20));
    }
    return Optional.of(lastNotice.plusSeconds(Math.min(gap, MAX_SECONDS)));
  }

  /** {@code none}, or a duration like {@code 5m}, {@code 2h}, {@code 1d}, {@code 600s}. */
  public static Integer parseInterval(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("none") || t.equals("0")) {
      return null;
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new InvalidAlertPolicyException(
          "repeat interval must be 'none' or a duration like 5m, 2h, 1d; got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    long seconds =
        switch (m.group(2)) {
          case "s" -> n;
          case "m", "min" -> n * 60;
          case "h" -> n * 3600;
          default -> n * 86400;
        };
    return (int) Math.min(seconds, Integer.MAX_VALUE);
  }

  public static String describe(Integer seconds) {
    if (seconds == null) {
      return "none";
    }
    if (seconds % 86400 == 0) {
      return seconds / 86400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  @Override
  public String toString() {
    return describe(intervalSeconds) + (exponential ? " (exponential)" : "");
  }
}
