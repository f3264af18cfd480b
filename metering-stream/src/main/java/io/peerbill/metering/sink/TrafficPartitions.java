package io.peerbill.metering.sink;

import static io.peerbill.schema.jooq.Routines.trafficDropPartitionsBefore;
import static io.peerbill.schema.jooq.Routines.trafficEnsurePartitions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The daily partitions of traffic_1m / traffic_5m (UTC days): created before the first row of a day
 * is written, and dropped past the retention.
 */
final class TrafficPartitions {

  // One writer at a time creates partitions; concurrent CREATE ... PARTITION OF can collide.
  private static final long LOCK_KEY = 0x7472_6166_6669_63L;

  private final Set<LocalDate> ensured = new HashSet<>();

  static LocalDate utcDay(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** Makes sure the partition of {@code day} exists (cached: checked once per writer and day). */
  void ensure(DSLContext sql, LocalDate day) {
    if (ensured.contains(day)) {
      return;
    }
    lock(sql);
    trafficEnsurePartitions(sql.configuration(), day, day);
    ensured.add(day);
  }

  /**
   * Drops the partitions of days before {@code today - retentionDays}; returns how many tables were
   * dropped.
   */
  static int dropExpired(DSLContext sql, LocalDate today, int retentionDays) {
    lock(sql);
    return trafficDropPartitionsBefore(sql.configuration(), today.minusDays(retentionDays));
  }

  private static void lock(DSLContext sql) {
    sql.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.inline(LOCK_KEY))).fetch();
  }
}
