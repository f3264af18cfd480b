package io.peerbill.api.traffic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.peerbill.alerting.D10Metrics;
import io.peerbill.alerting.TrafficCounts;
import java.time.Instant;
import java.util.OptionalDouble;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One bucket of a connection's traffic: the stored counters and the D10 metrics computed from them
 * by {@link D10Metrics} (the definition the series and the alerts use), named as the vendor's
 * monitoring names them. A ratio with nothing to take it of (no packets, no cap) is null.
 */
@JsonSerialize(using = TrafficBucketJson.class)
public record TrafficBucket(
    Instant bucketStart,
    @JsonProperty("InBandwidth") double inBandwidth,
    @JsonProperty("OutBandwidth") double outBandwidth,
    @JsonProperty("InPkg") double inPkg,
    @JsonProperty("OutPkg") double outPkg,
    @JsonProperty("PkgDrop") Double pkgDrop,
    @JsonProperty("InbandRate") Double inbandRate,
    @JsonProperty("OutbandRate") Double outbandRate,
    @JsonUnwrapped TrafficCounts counts,
    int sampleCount,
    Integer capMbps) {

  static TrafficBucket of(
      Instant start, double seconds, TrafficCounts counts, int sampleCount, Integer capMbps) {
    return new TrafficBucket(
        start,
        D10Metrics.bandwidthBps(counts.inBytes(), seconds),
        D10Metrics.bandwidthBps(counts.outBytes(), seconds),
        D10Metrics.packetsPerSecond(counts.inPackets(), seconds),
        D10Metrics.packetsPerSecond(counts.outPackets(), seconds),
        value(D10Metrics.pkgDropPercent(counts)),
        value(D10Metrics.capUsePercent(counts.inBytes(), seconds, capMbps)),
        value(D10Metrics.capUsePercent(counts.outBytes(), seconds, capMbps)),
        counts,
        sampleCount,
        capMbps);
  }

  private static Double value(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }
}
