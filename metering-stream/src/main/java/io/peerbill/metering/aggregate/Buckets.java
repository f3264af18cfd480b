package io.peerbill.metering.aggregate;

/** Bucket arithmetic on epoch milliseconds (UTC; buckets are aligned to the epoch). */
public final class Buckets {

  public static final long MINUTE_MS = 60_000L;
  public static final long FIVE_MINUTES_MS = 300_000L;

  private Buckets() {}

  /** Start of the bucket of {@code lengthMs} containing {@code instant}. */
  public static long start(long instant, long lengthMs) {
    return Math.floorDiv(instant, lengthMs) * lengthMs;
  }

  /**
   * A sample counted at {@code countedAt} is too late once the watermark reached its 1-minute
   * bucket's last millisecond plus the allowed lateness (the rule of Flink's window operators,
   * {@code maxTimestamp + lateness <= watermark}): its 1-minute bucket is final by then.
   */
  public static boolean isTooLate(long countedAt, long watermark, long allowedLatenessMs) {
    long windowMaxTimestamp = start(countedAt, MINUTE_MS) + MINUTE_MS - 1;
    return windowMaxTimestamp + allowedLatenessMs <= watermark;
  }
}
