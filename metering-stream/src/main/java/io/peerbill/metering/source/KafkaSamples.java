package io.peerbill.metering.source;

import io.peerbill.metering.model.RawRecord;
import java.io.IOException;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** The production source: one sample per record of a Kafka topic (wire format v1 values). */
public final class KafkaSamples {

  private KafkaSamples() {}

  /**
   * @param startingOffsets {@code earliest}, {@code latest}, or {@code committed} (the group's
   *     committed offsets, earliest where none)
   * @param bounded stop at the offsets current when the job starts (tests, backfill)
   * @param partitions the topic's partitions to read (scale-out over jobs), empty for all
   */
  public static KafkaSource<RawRecord> source(
      String bootstrapServers,
      String topic,
      String groupId,
      String startingOffsets,
      boolean bounded,
      Set<Integer> partitions,
      Properties extra) {
    var builder = KafkaSource.<RawRecord>builder().setBootstrapServers(bootstrapServers);
    if (partitions.isEmpty()) {
      builder.setTopics(topic);
    } else {
      builder.setPartitions(
          partitions.stream().map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet()));
    }
    builder
        .setGroupId(groupId)
        .setStartingOffsets(offsets(startingOffsets))
        .setDeserializer(new RawRecordDeserializer(topic))
        .setProperties(extra);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  static OffsetsInitializer offsets(String name) {
    return switch (name) {
      case "earliest" -> OffsetsInitializer.earliest();
      case "latest" -> OffsetsInitializer.latest();
      case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      default ->
          throw new IllegalArgumentException(
              "starting offsets must be earliest, latest or committed, got '" + name + "'");
    };
  }

  /** Keeps the value as bytes with its partition and offset; parsing happens in the job. */
  static final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private final String source;

    RawRecordDeserializer(String topic) {
      this.source = "kafka:" + topic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out)
        throws IOException {
      byte[] value = record.value() == null ? new byte[0] : record.value();
      out.collect(new RawRecord(source, record.partition() + ":" + record.offset(), value));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
      return TypeInformation.of(RawRecord.class);
    }
  }
}
