package io.peerbill.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A calendar day in a declared zone (D5): from its first instant to the next day's. Not always 24
 * hours — a day with a DST change is 23 or 25.
 */
public record BillingDay(LocalDate date, ZoneId zone) {

  public Instant start() {
    return date.atStartOfDay(zone).toInstant();
  }

  public Instant end() {
    return date.plusDays(1).atStartOfDay(zone).toInstant();
  }

  @Override
  public String toString() {
    return date + " (" + zone.getId() + ")";
  }
}
