package io.peerbill.api.traffic;

import io.peerbill.alerting.TrafficCounts;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a {@link TrafficBucket} field by field, as Jackson's bean serializer would (same names,
 * order and nulls; {@code TrafficBucketJsonTest} holds the two equal): a day of buckets is the
 * API's largest hot answer, and reading sixteen record components through method handles was most
 * of its cost.
 */
final class TrafficBucketJson extends ValueSerializer<TrafficBucket> {

  private static final SerializableString BUCKET_START = new SerializedString("bucket_start");
  private static final SerializableString IN_BANDWIDTH = new SerializedString("InBandwidth");
  private static final SerializableString OUT_BANDWIDTH = new SerializedString("OutBandwidth");
  private static final SerializableString IN_PKG = new SerializedString("InPkg");
  private static final SerializableString OUT_PKG = new SerializedString("OutPkg");
  private static final SerializableString PKG_DROP = new SerializedString("PkgDrop");
  private static final SerializableString INBAND_RATE = new SerializedString("InbandRate");
  private static final SerializableString OUTBAND_RATE = new SerializedString("OutbandRate");
  private static final SerializableString IN_BYTES = new SerializedString("in_bytes");
  private static final SerializableString OUT_BYTES = new SerializedString("out_bytes");
  private static final SerializableString IN_PACKETS = new SerializedString("in_packets");
  private static final SerializableString OUT_PACKETS = new SerializedString("out_packets");
  private static final SerializableString IN_DROPPED = new SerializedString("in_dropped");
  private static final SerializableString OUT_DROPPED = new SerializedString("out_dropped");
  private static final SerializableString SAMPLE_COUNT = new SerializedString("sample_count");
  private static final SerializableString CAP_MBPS = new SerializedString("cap_mbps");

  @Override
  public void serialize(TrafficBucket b, JsonGenerator g, SerializationContext context) {
    g.writeStartObject(b);
    g.writeName(BUCKET_START);
    g.writeString(b.bucketStart().toString());
    number(g, IN_BANDWIDTH, b.inBandwidth());
    number(g, OUT_BANDWIDTH, b.outBandwidth());
    number(g, IN_PKG, b.inPkg());
    number(g, OUT_PKG, b.outPkg());
    nullable(g, PKG_DROP, b.pkgDrop());
    nullable(g, INBAND_RATE, b.inbandRate());
    nullable(g, OUTBAND_RATE, b.outbandRate());
    TrafficCounts c = b.counts();
    number(g, IN_BYTES, c.inBytes());
    number(g, OUT_BYTES, c.outBytes());
    number(g, IN_PACKETS, c.inPackets());
    number(g, OUT_PACKETS, c.outPackets());
    number(g, IN_DROPPED, c.inDropped());
    number(g, OUT_DROPPED, c.outDropped());
    g.writeName(SAMPLE_COUNT);
    g.writeNumber(b.sampleCount());
    g.writeName(CAP_MBPS);
    if (b.capMbps() == null) {
      g.writeNull();
    } else {
      g.writeNumber(b.capMbps().intValue());
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, SerializableString name, double value) {
    g.writeName(name);
    g.writeNumber(value);
  }

  private static void number(JsonGenerator g, SerializableString name, long value) {
    g.writeName(name);
    g.writeNumber(value);
  }

  private static void nullable(JsonGenerator g, SerializableString name, Double value) {
    g.writeName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value.doubleValue());
    }
  }
}
