package io.peerbill.metering.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.StatisticPeriod;
import io.peerbill.alerting.TrafficCounts;
import io.peerbill.metering.model.TrafficAggregate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The series' line protocol is written by hand for speed; it must say exactly what the client's
 * {@code Point} says for the same aggregate (D10 names, tags, millisecond time).
 */
class InfluxPointsTest {

  private static final long BUCKET = 1_764_050_700_000L;

  @Test
  void crossRegionPointCarriesTagsBandwidthPacketsLossAndCapUse_D10() {
    TrafficAggregate a =
        new TrafficAggregate(
            "pcx-1a2b3c4d",
            300,
            BUCKET,
            new TrafficCounts(750_000_000_000L, 912_000_000L, 600_000, 700_000, 12, 3),
            10,
            "CROSS_REGION",
            "cn-guangzhou",
            "ap-singapore",
            "acct 1,a=b",
            1000);
    assertSamePoint(InfluxPoints.lineProtocol(a), viaClient(a));
    assertThat(InfluxPoints.lineProtocol(a))
        .startsWith(
            "peering_traffic,accepter_region=ap-singapore,account_id=acct\\ 1\\,a\\=b,"
                + "connection_id=pcx-1a2b3c4d,period=300s,requester_region=cn-guangzhou,"
                + "scope=CROSS_REGION ")
        .endsWith(" " + BUCKET);
  }

  @Test
  void sameRegionPointHasNoCapUseFields_D10() {
    TrafficAggregate a =
        new TrafficAggregate(
            "pcx-00000001",
            60,
            BUCKET,
            new TrafficCounts(1, 0, 0, 0, 0, 0),
            1,
            "SAME_REGION",
            "cn-guangzhou",
            "cn-guangzhou",
            "100000000001",
            null);
    assertSamePoint(InfluxPoints.lineProtocol(a), viaClient(a));
    assertThat(InfluxPoints.lineProtocol(a)).doesNotContain("bandRate");
  }

  /** A bucket without packets has no loss rate: the series agrees with the alert evaluator. */
  @Test
  void bucketWithoutPacketsHasNoPkgDropAsAlertPoliciesSeeIt_D10() {
    TrafficAggregate a =
        new TrafficAggregate(
            "pcx-00000001",
            60,
            BUCKET,
            new TrafficCounts(5, 0, 0, 0, 0, 0),
            1,
            "CROSS_REGION",
            "a",
            "b",
            "1",
            100);
    PeriodTraffic period =
        new PeriodTraffic(
            a.connectionId(),
            StatisticPeriod.ONE_MINUTE,
            java.time.Instant.ofEpochMilli(BUCKET),
            new TrafficCounts(5, 0, 0, 0, 0, 0),
            1,
            100);
    assertSamePoint(InfluxPoints.lineProtocol(a), viaClient(a));
    assertThat(InfluxPoints.lineProtocol(a)).doesNotContain("PkgDrop").contains("InbandRate=");
    assertThat(AlertMetric.PKG_DROP.valueOf(period, 100)).isEmpty();
    assertThat(AlertMetric.INBAND_RATE.valueOf(period, 100).getAsDouble())
        .isEqualTo(a.inCapUsePercent().getAsDouble());
  }

  private static String viaClient(TrafficAggregate a) {
    Point point =
        Point.measurement(InfluxPoints.MEASUREMENT)
            .addTag("connection_id", a.connectionId())
            .addTag("period", a.periodSeconds() + "s")
            .addTag("scope", a.scope())
            .addTag("requester_region", a.requesterRegion())
            .addTag("accepter_region", a.accepterRegion())
            .addTag("account_id", a.accountId())
            .time(a.bucketStart(), WritePrecision.MS)
            .addField("InBandwidth", a.inBps())
            .addField("OutBandwidth", a.outBps())
            .addField("InPkg", a.inPps())
            .addField("OutPkg", a.outPps());
    a.lossPercent().ifPresent(v -> point.addField("PkgDrop", v));
    a.inCapUsePercent().ifPresent(v -> point.addField("InbandRate", v));
    a.outCapUsePercent().ifPresent(v -> point.addField("OutbandRate", v));
    return point.toLineProtocol();
  }

  /** Same measurement, tags and time; same fields in the same order with equal values. */
  private static void assertSamePoint(String ours, String client) {
    String[] o = ours.split("(?<!\\\\) ");
    String[] c = client.split("(?<!\\\\) ");
    assertThat(o).hasSize(3);
    assertThat(o[0]).isEqualTo(c[0]);
    assertThat(o[2]).isEqualTo(c[2]);
    assertThat(fields(o[1])).isEqualTo(fields(c[1]));
  }

  private static Map<String, Double> fields(String text) {
    Map<String, Double> fields = new LinkedHashMap<>();
    for (String kv : text.split(",")) {
      String[] parts = kv.split("=");
      fields.put(parts[0], Double.parseDouble(parts[1]));
    }
    return fields;
  }
}
