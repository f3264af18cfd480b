package io.peerbill.billing.month;

import java.time.Instant;

/**
 * One MONTHLY_95TH connection's month as the database aggregated it (D13): its points (5-minute
 * buckets with data inside its ACTIVE time), the billed point's bytes (higher direction) and bucket
 * start (null without points), its active days, and the highest cap in force in the month.
 */
public record MonthlyPercentile(
    String connectionId,
    boolean crossRegion,
    String requesterAccountId,
    String accepterAccountId,
    String requesterGeoZone,
    String accepterGeoZone,
    int points,
    Long p95Bytes,
    Instant p95At,
    int activeDays,
    Integer capMbps) {

  /** The top floor(N × 0.05) points the 95th percentile drops (D13). */
  public int pointsDropped() {
    return points / 20;
  }
}
