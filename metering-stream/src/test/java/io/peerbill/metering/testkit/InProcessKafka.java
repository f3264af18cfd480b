package io.peerbill.metering.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in the test JVM: one combined KRaft node from Kafka's own test kit, on a
 * loopback port, started once per test class.
 */
public final class InProcessKafka implements BeforeAllCallback, AfterAllCallback {

  private KafkaClusterTestKit cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  /** Sends the values in order, keyed as given (null keys allowed), and waits for the acks. */
  public void send(String topic, List<Map.Entry<String, String>> keyedValues) {
    sendAll(
        keyedValues.stream()
            .map(kv -> new ProducerRecord<>(topic, kv.getKey(), kv.getValue()))
            .toList());
  }

  /** Unkeyed values spread over the partitions in turn, so one connection is in all of them. */
  public void sendAlternating(String topic, int partitions, List<String> values) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new ProducerRecord<>(topic, i % partitions, null, values.get(i)));
    }
    sendAll(records);
  }

  /**
   * Every record acknowledged, or the test fails: a send that failed unnoticed (the in-process
   * broker once answered OutOfOrderSequence to the idempotent producer) would make the input differ
   * from what the test believes it sent. One request in flight keeps the order without idempotence.
   */
  private void sendAll(List<ProducerRecord<String, String>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<String, String> r : records) {
        acks.add(producer.send(r));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a record was not acknowledged: " + e.getCause(), e);
    }
  }

  /** Generated records, each keyed by its sample's connection (unkeyed when it is none). */
  public void sendKeyedByConnection(
      String topic, List<io.peerbill.tools.gen.GeneratedRecord> records) {
    send(
        topic,
        records.stream()
            .<Map.Entry<String, String>>map(
                r ->
                    new java.util.AbstractMap.SimpleEntry<>(
                        r.sample() == null ? null : r.sample().connectionId(), r.line()))
            .toList());
  }
}
