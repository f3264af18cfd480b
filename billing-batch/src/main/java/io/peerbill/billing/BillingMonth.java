package io.peerbill.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A calendar month in a declared zone (D13): from the first instant of its first day to that of the
 * next month's. Its length in 5-minute buckets changes with DST (12 more or fewer per change).
 */
public record BillingMonth(YearMonth month, ZoneId zone) {

  public Instant start() {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  public Instant end() {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  public int days() {
    return month.lengthOfMonth();
  }

  @Override
  public String toString() {
    return month + " (" + zone.getId() + ")";
  }
}
