package io.peerbill.metering.sink;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.peerbill.metering.model.TrafficAggregate;

/**
 * The InfluxDB shape of an aggregate, for dashboard authors (README "Monitoring series"): one point
 * per connection, period and bucket start in measurement {@value #MEASUREMENT}, fields named as the
 * vendor's monitoring metrics (DOMAIN.md D10).
 */
public final class InfluxPoints {

  public static final String MEASUREMENT = "peering_traffic";

  private InfluxPoints() {}

  public static String lineProtocol(TrafficAggregate a) {
    Point point =
        Point.measurement(MEASUREMENT)
            .addTag("connection_id", a.connectionId())
            .addTag("period", a.periodSeconds() + "s")
            .time(a.bucketStart(), WritePrecision.MS)
            .addField("InBandwidth", a.inBps())
            .addField("OutBandwidth", a.outBps())
            .addField("InPkg", a.inPps())
            .addField("OutPkg", a.outPps())
            .addField("PkgDrop", a.lossPercent());
    tag(point, "scope", a.scope());
    tag(point, "requester_region", a.requesterRegion());
    tag(point, "accepter_region", a.accepterRegion());
    tag(point, "account_id", a.accountId());
    if (a.capMbps() != null) {
      point
          .addField("InbandRate", a.inCapUsePercent())
          .addField("OutbandRate", a.outCapUsePercent());
    }
    return point.toLineProtocol();
  }

  private static void tag(Point point, String key, String value) {
    if (value != null) {
      point.addTag(key, value);
    }
  }
}
