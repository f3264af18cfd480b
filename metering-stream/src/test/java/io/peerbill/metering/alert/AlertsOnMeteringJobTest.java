package io.peerbill.metering.alert;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static io.peerbill.alerting.AlertFixtures.SECRET;
import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Await;
import io.peerbill.alerting.webhook.WebhookDelivery;
import io.peerbill.alerting.webhook.WebhookReceiver;
import io.peerbill.alerting.webhook.WebhookSender;
import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.MeteringEnvironment;
import io.peerbill.metering.MeteringJob;
import io.peerbill.metering.MeteringSettings;
import io.peerbill.metering.MeteringSinks;
import io.peerbill.metering.MeteringStreams;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert policies as a side branch of the real metering job (MiniCluster, parallelism 2), from a
 * file of samples to signed webhooks on local HTTP receivers (D11).
 */
@ExtendWith(PostgresExtension.class)
class AlertsOnMeteringJobTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  /** Inbound Mbps of the cross-region connection, minute by minute. */
  private static final long[] PATTERN = {50, 90, 90, 90, 50, 50, 90, 50, 50, 50};

  @TempDir Path dir;
  private TestDatabase db;
  private String cross;
  private Path samples;

  @BeforeEach
  void setUp(TestDatabase db) throws Exception {
    this.db = db;
    cross = AlertFixtures.lifecycle(db.dsl()).cross();
    samples = dir.resolve("samples.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PATTERN.length; i++) {
      // Two reporters, half the bytes each: their counts add up (D4).
      for (String reporter : new String[] {"gw-a", "gw-b"}) {
        long ts = DAY_START.plusSeconds(60L * (i + 1)).toEpochMilli();
        long bytes = PATTERN[i] * 1_000_000 / 8 * 60 / 2;
        lines.add(
            String.format(
                "{\"connection_id\":\"%s\",\"reporter\":\"%s\",\"seq\":%d,\"ts\":%d,"
                    + "\"interval_ms\":60000,\"in_bytes\":%d,\"out_bytes\":1000,"
                    + "\"in_packets\":500,\"out_packets\":10,\"in_dropped\":0,\"out_dropped\":0}",
                cross, reporter, i, ts, bytes));
      }
    }
    Files.write(samples, lines);
  }

  private AlertPolicy policy(String name, String url) {
    AlertPolicySpec b = AlertFixtures.inBandwidthAbove80(cross, url);
    return new AlertPolicyService(db.dsl())
        .create(
            ALICE,
            new AlertPolicySpec(
                name,
                b.metric(),
                b.comparison(),
                new BigDecimal("80"),
                b.period(),
                2,
                b.severity(),
                cross,
                b.repeat(),
                true,
                url,
                SECRET));
  }

  /** A run of the job with the delivery worker beside it, as {@code peerbill stream} runs them. */
  private record Run(JobClient job, WebhookDelivery delivery) {
    /** Waits for the job's end, then sends what is due and stops the worker. */
    void awaitEnd() throws Exception {
      try (delivery) {
        job.getJobExecutionResult().get();
        delivery.finish();
      }
    }
  }

  private Run start(WebhookSettings webhooks) throws Exception {
    MeteringSettings settings =
        MeteringSettings.defaults(JdbcTarget.of(db.config()))
            .withMinuteBuckets(true) // the test waits for every minute's row
            .withParallelism(2)
            .withEventTime(Duration.ofMinutes(1), Duration.ofMinutes(5))
            .withCheckpoints(Duration.ZERO, "hashmap", 0, Duration.ofSeconds(1));
    StreamExecutionEnvironment env = MeteringEnvironment.create(settings);
    MeteringStreams streams =
        new MeteringJob(
                settings,
                SampleFiles.source(samples),
                "file",
                MeteringSinks.postgres(settings, null))
            .build(env);
    AlertSettings alerts =
        AlertSettings.defaults(db.config()).withPolicyRefresh(Duration.ofMillis(200));
    AlertBranch.attach(env, streams, alerts, true);
    WebhookDelivery delivery = WebhookDelivery.start(db.config(), webhooks);
    return new Run(env.executeAsync("metering with alerts"), delivery);
  }

  private static WebhookSettings webhooks(Duration timeout) {
    return new WebhookSettings(
        timeout, 3, Duration.ofMillis(100), Duration.ofSeconds(1), 8, Duration.ofMillis(50));
  }

  @Test
  void samplesToSignedNoticesExactlyOnceEvenWhenTheJobRunsAgain_D11() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      policy("in-above-80", receiver.url());
      start(webhooks(Duration.ofSeconds(5))).awaitEnd();
      assertThat(receiver.notices(SECRET, DAY_START))
          .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");

      start(webhooks(Duration.ofSeconds(5))).awaitEnd();
      assertThat(receiver.notices(SECRET, DAY_START))
          .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");
      assertThat(db.dsl().fetchCount(ALERT_EVENT)).isEqualTo(2);
      assertThat(db.dsl().fetchCount(TRAFFIC_1M)).isEqualTo(PATTERN.length);
    }
  }

  @Test
  void aHangingOrFailingReceiverDoesNotHoldBackAggregatesAndItsAttemptsAreRecorded_D11()
      throws Exception {
    WebhookReceiver hanging = new WebhookReceiver();
    try (WebhookReceiver failing = new WebhookReceiver()) {
      hanging.answer(WebhookReceiver.HANG);
      failing.answer(500);
      AlertPolicy toHanging = policy("to-hanging", hanging.url());
      AlertPolicy toFailing = policy("to-failing", failing.url());
      // The timeout outlasts the run: the notice is still unanswered when the aggregates are in.
      Run run = start(webhooks(Duration.ofMinutes(2)));

      Await.until(
          () -> !hanging.received().isEmpty() && db.dsl().fetchCount(TRAFFIC_1M) == PATTERN.length);
      assertThat(hanging.received()).as("still waiting for an answer").hasSize(1);
      assertThat(attempts(toHanging)).as("none finished yet").isEmpty();

      hanging.close(); // the held request ends without an answer
      run.awaitEnd();
      assertThat(attempts(toHanging)).first().isEqualTo("CONNECTION_ERROR");

      // Exhaust the retries with a clock moved past every backoff.
      MutableClock later = new MutableClock(Instant.now());
      WebhookSender sender = new WebhookSender(db.dsl(), webhooks(Duration.ofSeconds(1)), later);
      for (int round = 0; round < 8; round++) {
        later.advance(Duration.ofHours(1));
        sender.sendDue();
      }
      assertThat(attempts(toFailing))
          .containsExactly("HTTP_ERROR 500", "HTTP_ERROR 500", "HTTP_ERROR 500", "HTTP_ERROR 500");
      assertThat(
              db.dsl()
                  .select(WEBHOOK_DELIVERY.STATUS)
                  .from(WEBHOOK_DELIVERY)
                  .join(ALERT_EVENT)
                  .on(ALERT_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                  .where(ALERT_EVENT.STATE.eq("FIRING"))
                  .fetch(WEBHOOK_DELIVERY.STATUS))
          .as("both FIRING notices failed for good")
          .containsExactly("FAILED", "FAILED");
    } finally {
      hanging.close();
    }
  }

  /** The recorded attempts of a policy's first notice (its FIRING), in order. */
  private List<String> attempts(AlertPolicy policy) {
    return db.dsl()
        .select(WEBHOOK_ATTEMPT.OUTCOME, WEBHOOK_ATTEMPT.HTTP_STATUS)
        .from(WEBHOOK_ATTEMPT)
        .join(ALERT_EVENT)
        .on(ALERT_EVENT.ID.eq(WEBHOOK_ATTEMPT.EVENT_ID))
        .where(ALERT_EVENT.POLICY_ID.eq(policy.id()))
        .and(ALERT_EVENT.STATE.eq("FIRING"))
        .orderBy(WEBHOOK_ATTEMPT.ATTEMPT)
        .fetch(r -> r.value1() + (r.value2() == null ? "" : " " + r.value2()));
  }
}
