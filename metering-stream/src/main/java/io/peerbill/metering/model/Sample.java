package io.peerbill.metering.model;

import io.peerbill.alerting.TrafficCounts;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A well-formed traffic sample (wire format v1, DOMAIN.md D4): interval counters of one connection
 * as seen by one reporter for the interval {@code [ts - intervalMs, ts)}, plus the input position
 * it was read from (null once no rejection can come of it). Flink moves it with {@link
 * SampleSerializer}.
 */
@TypeInfo(SampleTypeInfoFactory.class)
public record Sample(
    String connectionId,
    String reporter,
    long seq,
    long ts,
    int intervalMs,
    TrafficCounts counts,
    String source,
    String position) {

  /**
   * The instant the sample is counted at: it counts wholly in the bucket containing {@code ts - 1}.
   */
  public long countedAt() {
    return ts - 1;
  }

  /** The same sample without its input position (null source and position). */
  public Sample withoutOrigin() {
    return new Sample(connectionId, reporter, seq, ts, intervalMs, counts, null, null);
  }
}
