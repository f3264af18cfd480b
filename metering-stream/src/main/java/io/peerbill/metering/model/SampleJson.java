package io.peerbill.metering.model;

/** Renders a sample in wire format v1 (one JSON object, field order as documented). */
public final class SampleJson {

  private SampleJson() {}

  public static String render(Sample s) {
    // Hand-rendered: every value is a number or an id from a validated sample, and this runs for
    // every generated sample, where a generic mapper costs several times more.
    return new StringBuilder(256)
        .append("{\"connection_id\":\"")
        .append(escape(s.connectionId()))
        .append("\",\"reporter\":\"")
        .append(escape(s.reporter()))
        .append("\",\"seq\":")
        .append(s.seq())
        .append(",\"ts\":")
        .append(s.ts())
        .append(",\"interval_ms\":")
        .append(s.intervalMs())
        .append(",\"in_bytes\":")
        .append(s.inBytes())
        .append(",\"out_bytes\":")
        .append(s.outBytes())
        .append(",\"in_packets\":")
        .append(s.inPackets())
        .append(",\"out_packets\":")
        .append(s.outPackets())
        .append(",\"in_dropped\":")
        .append(s.inDropped())
        .append(",\"out_dropped\":")
        .append(s.outDropped())
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
