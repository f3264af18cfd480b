package io.peerbill.metering.model;

import io.peerbill.alerting.TrafficCounts;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link Sample} field by field. Every sample crosses the connection shuffle, and Flink's
 * serializer for records reads each field reflectively, boxes the numbers and calls the canonical
 * constructor reflectively with them; this one does neither. A sample is never kept in state, so
 * the format only has to agree between the two ends of a running job's network channel.
 */
public final class SampleSerializer extends TypeSerializerSingleton<Sample> {

  public static final SampleSerializer INSTANCE = new SampleSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public Sample createInstance() {
    return new Sample("", "", 0, 0, 0, TrafficCounts.ZERO, "", "");
  }

  @Override
  public Sample copy(Sample from) {
    return from;
  }

  @Override
  public Sample copy(Sample from, Sample reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Sample s, DataOutputView out) throws IOException {
    StringValue.writeString(s.connectionId(), out);
    StringValue.writeString(s.reporter(), out);
    out.writeLong(s.seq());
    out.writeLong(s.ts());
    out.writeInt(s.intervalMs());
    TrafficCounts c = s.counts();
    out.writeLong(c.inBytes());
    out.writeLong(c.outBytes());
    out.writeLong(c.inPackets());
    out.writeLong(c.outPackets());
    out.writeLong(c.inDropped());
    out.writeLong(c.outDropped());
    StringValue.writeString(s.source(), out);
    StringValue.writeString(s.position(), out);
  }

  @Override
  public Sample deserialize(DataInputView in) throws IOException {
    return new Sample(
        StringValue.readString(in),
        StringValue.readString(in),
        in.readLong(),
        in.readLong(),
        in.readInt(),
        new TrafficCounts(
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong(),
            in.readLong()),
        StringValue.readString(in),
        StringValue.readString(in));
  }

  @Override
  public Sample deserialize(Sample reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<Sample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer by name: it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Sample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
