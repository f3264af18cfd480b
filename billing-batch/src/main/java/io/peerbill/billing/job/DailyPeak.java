package io.peerbill.billing.job;

/**
 * One connection's billing day as the database aggregated it: its peak bucket (bytes of the higher
 * direction, null when no bucket in its active time has data), how many buckets of its active time
 * have data and how many there are, and the highest cap in force that day (null: same-region).
 */
public record DailyPeak(
    String connectionId,
    boolean crossRegion,
    String requesterAccountId,
    String accepterAccountId,
    String requesterGeoZone,
    String accepterGeoZone,
    Long peakBytes,
    int bucketsWithData,
    int bucketsActive,
    Integer capMbps) {}
