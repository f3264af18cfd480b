package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a connection's day chart shows: one slot per 5-minute bucket of the billing day (276, 288 or
 * 300 of them), the buckets billing counted, the ACTIVE spans and the caps in force.
 */
public record TrafficChart(
    BillingDay day, List<ActiveSpan> activeSpans, List<Bucket> buckets, List<CapStep> caps) {

  public static final Duration BUCKET = Duration.ofMinutes(5);

  /** Keeps the buckets that overlap an active span: those billing counted (D9). */
  public TrafficChart {
    activeSpans = List.copyOf(activeSpans);
    List<Bucket> counted = new ArrayList<>(buckets.size());
    for (Bucket b : buckets) {
      if (isActive(activeSpans, b.start())) {
        counted.add(b);
      }
    }
    buckets = Collections.unmodifiableList(counted);
    caps = List.copyOf(caps);
  }

  private static boolean isActive(List<ActiveSpan> spans, Instant bucketStart) {
    for (ActiveSpan span : spans) {
      if (span.overlapsBucket(bucketStart)) {
        return true;
      }
    }
    return false;
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
    // By index rather than by Instant in a map: a chart is drawn for every connection of a run.
    Instant dayStart = day.start();
    int count = bucketCount();
    long bucketSeconds = BUCKET.toSeconds();
    Bucket[] byIndex = new Bucket[count];
    for (Bucket b : buckets) {
      long offset = b.start().getEpochSecond() - dayStart.getEpochSecond();
      if (offset >= 0 && offset % bucketSeconds == 0 && offset / bucketSeconds < count) {
        byIndex[(int) (offset / bucketSeconds)] = b;
      }
    }
    List<Optional<Bucket>> slots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant start = dayStart.plusSeconds(bucketSeconds * i);
      slots.add(
          isActive(activeSpans, start)
              ? Optional.of(byIndex[i] != null ? byIndex[i] : new Bucket(start, 0, 0))
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
