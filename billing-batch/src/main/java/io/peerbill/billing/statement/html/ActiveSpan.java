package io.peerbill.billing.statement.html;

import java.time.Instant;

/** A part of the billing day during which the connection was ACTIVE, clamped to the day. */
public record ActiveSpan(Instant from, Instant to) {

  /** Whether the 5-minute bucket starting at {@code bucketStart} overlaps this span. */
  public boolean overlapsBucket(Instant bucketStart) {
    return bucketStart.isBefore(to) && bucketStart.plusSeconds(300).isAfter(from);
  }
}
