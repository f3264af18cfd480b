package io.peerbill.metering.sink;

import io.peerbill.metering.model.TrafficAggregate;

/**
 * The InfluxDB shape of an aggregate, for dashboard authors (README "Monitoring series"): one point
 * per connection, period and bucket start in measurement {@value #MEASUREMENT}, fields named as the
 * vendor's monitoring metrics (DOMAIN.md D10), time in milliseconds.
 *
 * <p>The line protocol is written here rather than through the client's {@code Point}: {@code
 * Point} formats every float field with a {@code DecimalFormat} and sorts tags and fields in tree
 * maps, which measured about a tenth of the whole job's CPU. The client still sends the lines. Tags
 * and fields are in key order, as {@code Point} writes them.
 */
public final class InfluxPoints {

  public static final String MEASUREMENT = "peering_traffic";

  private InfluxPoints() {}

  public static String lineProtocol(TrafficAggregate a) {
    StringBuilder line = new StringBuilder(320).append(MEASUREMENT);
    tag(line, "accepter_region", a.accepterRegion());
    tag(line, "account_id", a.accountId());
    tag(line, "connection_id", a.connectionId());
    tag(line, "period", a.periodSeconds() + "s");
    tag(line, "requester_region", a.requesterRegion());
    tag(line, "scope", a.scope());
    line.append(' ');
    field(line, "InBandwidth", a.inBps());
    field(line, "InPkg", a.inPps());
    field(line, "InbandRate", a.inCapUsePercent());
    field(line, "OutBandwidth", a.outBps());
    field(line, "OutPkg", a.outPps());
    field(line, "OutbandRate", a.outCapUsePercent());
    field(line, "PkgDrop", a.lossPercent());
    line.setLength(line.length() - 1); // the last field's comma
    return line.append(' ').append(a.bucketStart()).toString();
  }

  private static void tag(StringBuilder line, String key, String value) {
    if (value != null && !value.isEmpty()) {
      line.append(',').append(key).append('=');
      escape(line, value);
    }
  }

  /** Floats as Java prints them (scientific notation above 10^7 is valid line protocol). */
  private static void field(StringBuilder line, String key, double value) {
    line.append(key).append('=').append(value).append(',');
  }

  /** A metric without a value (D10Metrics) is left out of the point. */
  private static void field(StringBuilder line, String key, java.util.OptionalDouble value) {
    if (value.isPresent()) {
      field(line, key, value.getAsDouble());
    }
  }

  /** Tag values escape commas, equals signs and spaces (line protocol). */
  private static void escape(StringBuilder line, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '=' || c == ' ') {
        line.append('\\');
      }
      line.append(c);
    }
  }
}
