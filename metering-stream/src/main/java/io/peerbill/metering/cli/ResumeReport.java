package io.peerbill.metering.cli;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The line {@code stream} prints on start: where it resumes. What was counted before is the
 * ledger's to skip, so a restart from older offsets or a replayed file is safe; the operator still
 * wants to know what will be read again.
 */
final class ResumeReport {

  private ResumeReport() {}

  static String forFile(String source) {
    return "reading " + source + " from its first line (samples counted before are skipped)";
  }

  /** The committed offsets of {@code groupId} on {@code topic}, asked of the broker. */
  static String forKafka(
      String bootstrapServers,
      String topic,
      String groupId,
      String startingOffsets,
      Set<Integer> partitions) {
    String what = "kafka:" + topic + (partitions.isEmpty() ? "" : " partitions " + partitions);
    if (!startingOffsets.equals("committed")) {
      return "reading " + what + " from the " + startingOffsets + " offsets";
    }
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(15, TimeUnit.SECONDS);
      Map<Integer, Long> offsets = new TreeMap<>();
      committed.forEach(
          (tp, offset) -> {
            if (tp.topic().equals(topic)
                && offset != null
                && (partitions.isEmpty() || partitions.contains(tp.partition()))) {
              offsets.put(tp.partition(), offset.offset());
            }
          });
      if (offsets.isEmpty()) {
        return "reading " + what + " from the start: group " + groupId + " has committed nothing";
      }
      StringBuilder line =
          new StringBuilder(
              "resuming " + what + " from the offsets group " + groupId + " committed:");
      offsets.forEach((p, o) -> line.append(' ').append(p).append('@').append(o));
      return line.append(" (samples counted before are skipped)").toString();
    } catch (Exception e) {
      return "reading "
          + what
          + " from the committed offsets of group "
          + groupId
          + " (could not list them: "
          + e.getMessage()
          + ")";
    }
  }
}
