package io.peerbill.tools.gen;

import io.peerbill.alerting.TrafficCounts;

/**
 * A generated traffic sample, as its wire format v1 line says it (DOMAIN.md D4): interval counters
 * of one connection as seen by one reporter for the interval {@code [ts - intervalMs, ts)}. The
 * generator's own type, so that nothing here depends on the job that reads the lines; the counters
 * are the value both sides share.
 */
public record GeneratedSample(
    String connectionId, String reporter, long seq, long ts, int intervalMs, TrafficCounts counts) {

  /** The instant the job counts it at: wholly in the bucket containing {@code ts - 1}. */
  public long countedAt() {
    return ts - 1;
  }

  /** The sample as one line of wire format v1 (one JSON object, field order as documented). */
  public String json() {
    // Hand-rendered: every value is a number or an id from a validated sample, and this runs for
    // every generated sample, where a generic mapper costs several times more.
    return new StringBuilder(256)
        .append("{\"connection_id\":\"")
        .append(escape(connectionId))
        .append("\",\"reporter\":\"")
        .append(escape(reporter))
        .append("\",\"seq\":")
        .append(seq)
        .append(",\"ts\":")
        .append(ts)
        .append(",\"interval_ms\":")
        .append(intervalMs)
        .append(",\"in_bytes\":")
        .append(counts.inBytes())
        .append(",\"out_bytes\":")
        .append(counts.outBytes())
        .append(",\"in_packets\":")
        .append(counts.inPackets())
        .append(",\"out_packets\":")
        .append(counts.outPackets())
        .append(",\"in_dropped\":")
        .append(counts.inDropped())
        .append(",\"out_dropped\":")
        .append(counts.outDropped())
        .append('}')
        .toString();
  }

  private static String escape(String text) {
    if (text.indexOf('"') < 0 && text.indexOf('\\') < 0) {
      return text;
    }
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
