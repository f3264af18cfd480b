package io.peerbill.peering;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time as PostgreSQL keeps it: UTC, microseconds, so values round-trip unchanged. */
final class DbTime {

  private DbTime() {}

  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
