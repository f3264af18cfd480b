package io.peerbill.metering.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.TrafficCounts;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** A sample crosses the shuffle with every field intact (D4 counters, ids and input position). */
class SampleSerializerTest {

  @Test
  void everyFieldSurvivesTheShuffle_D4() throws Exception {
    Sample sample =
        new Sample(
            "pcx-0000002a",
            "gw-1",
            7,
            1_764_000_060_000L,
            60_000,
            new TrafficCounts(Long.MAX_VALUE, 2, 3, 4, 5, 6),
            "file:/data/samples.jsonl",
            "41");
    Sample withoutPosition =
        new Sample(
            "pcx-0000002a",
            "gw-2",
            8,
            1_764_000_060_000L,
            1,
            new TrafficCounts(0, 0, 0, 0, 0, 0),
            null,
            null);

    assertThat(roundTrip(sample)).isEqualTo(sample);
    assertThat(roundTrip(withoutPosition)).isEqualTo(withoutPosition);
  }

  @Test
  void flinkPicksTheSerializerFromTheAnnotation_D4() {
    assertThat(TypeInformation.of(Sample.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(SampleSerializer.INSTANCE);
  }

  private static Sample roundTrip(Sample sample) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    SampleSerializer.INSTANCE.serialize(sample, out);
    return SampleSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
