package io.peerbill.api.traffic;

import io.peerbill.peering.ActiveInterval;
import java.time.Instant;
import java.util.List;

/**
 * Buckets with data / buckets of ACTIVE time, as a bill line counts them (daily-peak.sql): a bucket
 * counts when it overlaps an ACTIVE interval, and the active buckets of an interval are ceil(to /
 * period) - floor(from / period).
 */
public record Coverage(int bucketsWithData, int bucketsActive) {

  static Coverage of(List<ActiveInterval> active, List<Instant> bucketStarts, long periodSeconds) {
    long activeBuckets = 0;
    for (ActiveInterval i : active) {
      activeBuckets +=
          ceilDiv(i.to().getEpochSecond(), periodSeconds)
              - Math.floorDiv(i.from().getEpochSecond(), periodSeconds);
    }
    int withData = 0;
    for (Instant start : bucketStarts) {
      Instant end = start.plusSeconds(periodSeconds);
      if (active.stream().anyMatch(i -> start.isBefore(i.to()) && end.isAfter(i.from()))) {
        withData++;
      }
    }
    return new Coverage(withData, Math.toIntExact(activeBuckets));
  }

  /** e.g. "288/288". */
  public String ratio() {
    return bucketsWithData + "/" + bucketsActive;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
