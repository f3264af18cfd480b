package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a connection's day chart shows: one slot per 5-minute bucket of the billing day (276, 288 or
 * 300 of them), the buckets billing counted, the ACTIVE spans and the caps in force.
 */
public record TrafficChart(
    BillingDay day, List<ActiveSpan> activeSpans, List<Bucket> buckets, List<CapStep> caps) {

  public static final Duration BUCKET = Duration.ofMinutes(5);

  public TrafficChart {
    activeSpans = List.copyOf(activeSpans);
    buckets = List.copyOf(buckets);
    caps = List.copyOf(caps);
  }

  /** Buckets on the axis: the day's length in 5-minute steps (a DST day has 276 or 300). */
  public int bucketCount() {
    return (int) (Duration.between(day.start(), day.end()).toSeconds() / BUCKET.toSeconds());
  }

  public Instant slotStart(int index) {
    return day.start().plus(BUCKET.multipliedBy(index));
  }

  /**
   * Each slot of the day: its bucket when the connection was active (a bucket without data counts
   * as zero traffic), empty when it was not active at all during the slot.
   */
  public List<Optional<Bucket>> slots() {
    Map<Instant, Bucket> byStart = new HashMap<>();
    buckets.forEach(b -> byStart.put(b.start(), b));
    int count = bucketCount();
    List<Optional<Bucket>> slots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant start = slotStart(i);
      boolean active = false;
      for (ActiveSpan span : activeSpans) {
        active |= span.overlapsBucket(start);
      }
      slots.add(
          active
              ? Optional.of(byStart.getOrDefault(start, new Bucket(start, 0, 0)))
              : Optional.empty());
    }
    return slots;
  }

  /** The bucket billing took as the day's peak (the earliest of equal ones); empty: no data. */
  public Optional<Bucket> peak() {
    return buckets.stream()
        .filter(b -> b.peakBytes() > 0)
        .max(
            Comparator.comparingLong(Bucket::peakBytes)
                .thenComparing(Bucket::start, Comparator.reverseOrder()));
  }

  /** The highest cap in force during the day, the one billing applies (D6); null: none. */
  public Integer highestCap() {
    return caps.stream().map(CapStep::capMbps).max(Integer::compare).orElse(null);
  }

  /** The top of the value axis: a round number above the peak and every cap. */
  public BigDecimal axisMaxMbps() {
    BigDecimal top = peak().map(Bucket::peakMbps).orElse(BigDecimal.ZERO);
    for (CapStep cap : caps) {
      top = top.max(BigDecimal.valueOf(cap.capMbps()));
    }
    return NiceScale.ceiling(top.multiply(new BigDecimal("1.1")));
  }
}
