package io.peerbill.metering.alert;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.DAY_START;
import static io.peerbill.alerting.AlertFixtures.SECRET;
import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.AlertFixtures;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Await;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.webhook.WebhookDelivery;
import io.peerbill.alerting.webhook.WebhookReceiver;
import io.peerbill.alerting.webhook.WebhookSettings;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert branch on a MiniCluster at parallelism 2, fed with generated one-minute periods, with a
 * real local HTTP receiver: exactly the expected signed notices, a policy changed while the job
 * runs, and a rerun that sends nothing twice (D11).
 */
@ExtendWith(PostgresExtension.class)
class AlertBranchMiniClusterTest {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  private final WebhookReceiver receiver = new WebhookReceiver();
  private TestDatabase db;
  private String cross;
  private AlertPolicyService policies;

  @BeforeEach
  void setUp(TestDatabase db) {
    this.db = db;
    cross = AlertFixtures.lifecycle(db.dsl()).cross();
    policies = new AlertPolicyService(db.dsl());
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private AlertSettings settings() {
    return AlertSettings.defaults(db.config()).withPolicyRefresh(Duration.ofMillis(200));
  }

  /** The delivery worker beside the job, as {@code peerbill stream} runs it. */
  private WebhookDelivery delivery() {
    return WebhookDelivery.start(db.config(), WebhookSettings.defaults());
  }

  /** Alice's policy: InBandwidth > threshold on the cross-region connection, 2 periods of 1 min. */
  private AlertPolicy policy(String threshold) {
    AlertPolicySpec b = AlertFixtures.inBandwidthAbove80(cross, receiver.url());
    return policies.create(
        ALICE,
        new AlertPolicySpec(
            b.name(),
            b.metric(),
            b.comparison(),
            new BigDecimal(threshold),
            b.period(),
            2,
            b.severity(),
            b.connectionId(),
            b.repeat(),
            true,
            b.webhookUrl(),
            b.webhookSecret()));
  }

  /** Minute i of the pattern at mbps[i] inbound, timestamped at its end - 1 ms. */
  private static final class Minutes implements GeneratorFunction<Long, PeriodTraffic> {
    private final String connection;
    private final long[] mbps;
    private final String gate;
    private final int gateAt;

    Minutes(String connection, long[] mbps, String gate, int gateAt) {
      this.connection = connection;
      this.mbps = mbps;
      this.gate = gate;
      this.gateAt = gateAt;
    }

    @Override
    public PeriodTraffic map(Long i) throws Exception {
      if (gate != null && i == gateAt) {
        Gate.await(gate);
      }
      return AlertFixtures.minuteAt(connection, DAY_START.plusSeconds(60 * i), mbps[i.intValue()]);
    }
  }

  /**
   * Each period is complete once it arrives (as behind the metering job's windows): the watermark
   * follows every element at once, even while the source then waits at a gate.
   */
  private static final class EachPeriodClosesAtOnce implements WatermarkGenerator<PeriodTraffic> {
    @Override
    public void onEvent(PeriodTraffic t, long timestamp, WatermarkOutput output) {
      output.emitWatermark(new Watermark(timestamp));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  private DataStream<PeriodTraffic> minutes(
      StreamExecutionEnvironment env, long[] mbps, String gate, int gateAt) {
    return env.fromSource(
            new DataGeneratorSource<>(
                new Minutes(cross, mbps, gate, gateAt),
                mbps.length,
                RateLimiterStrategy.noOp(),
                TypeInformation.of(PeriodTraffic.class)),
            WatermarkStrategy.<PeriodTraffic>forGenerator(context -> new EachPeriodClosesAtOnce())
                .withTimestampAssigner((t, previous) -> t.windowEnd().toEpochMilli() - 1),
            "minutes")
        .setParallelism(1);
  }

  private void runBounded(long[] mbps) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    AlertBranch.attach(env, minutes(env, mbps, null, 0), settings(), true);
    try (WebhookDelivery delivery = delivery()) {
      env.execute("alerts");
      delivery.finish();
    }
  }

  private static final long[] FIRE_AND_RESOLVE = {50, 90, 90, 90, 50, 50, 90, 50};

  @Test
  void aPolicyFiresAfterTwoBreachingMinutesAndResolves_D11() throws Exception {
    policy("80");
    runBounded(FIRE_AND_RESOLVE);
    assertThat(receiver.notices(SECRET, DAY_START))
        .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");
    assertThat(db.dsl().fetchCount(ALERT_EVENT)).isEqualTo(2);
  }

  @Test
  void aRerunOfTheSameInputSendsNothingTwice_D11() throws Exception {
    policy("80");
    runBounded(FIRE_AND_RESOLVE);
    assertThat(receiver.notices(SECRET, DAY_START))
        .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");
    runBounded(FIRE_AND_RESOLVE);
    assertThat(receiver.notices(SECRET, DAY_START))
        .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");
    assertThat(db.dsl().fetchCount(ALERT_EVENT)).isEqualTo(2);
  }

  @Test
  void aPolicyChangedWhileTheJobRunsAppliesWithoutRestart_D11() throws Exception {
    String gate = "change-" + System.nanoTime();
    String applied = gate + "-applied";
    AlertPolicy p = policy("80");
    // Minutes 0-5 before the change: fires (1, 2) and resolves (4) at 80 Mbps.
    // Minutes 6-9 after it, at 50 Mbps: quiet at 80, firing at 40.
    long[] mbps = {50, 90, 90, 90, 50, 50, 50, 50, 50, 50};
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    var events = AlertBranch.attach(env, minutes(env, mbps, gate, 6), settings(), false);
    events.getSideOutput(AlertPolicyEvaluator.APPLIED_REVISION).sinkTo(Gate.sink(applied));
    JobClient job = env.executeAsync("alerts");
    try (WebhookDelivery delivery = delivery()) {
      Await.until(() -> receiver.received().size() >= 2);
      assertThat(receiver.notices(SECRET, DAY_START))
          .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");

      AlertPolicy changed = policies.update(ALICE, p.id(), withThreshold(p.spec(), "40"));
      Await.until(
          () ->
              Gate.<Long>queue(applied).stream().filter(r -> r >= changed.revision()).count() == 2);
      Gate.open(gate);

      Await.until(() -> receiver.received().size() >= 4);
    } finally {
      Gate.open(gate);
      job.cancel().get();
      // Its slots and its event sink are released before the next test's job starts.
      Await.until(() -> terminated(job));
    }
    // Minutes 6 and 7 are the first two judged at 40 Mbps: fires at 7. The input ends with
    // minute 9; the silent minute after it counts as zero traffic: resolved at 10.
    assertThat(receiver.notices(SECRET, DAY_START))
        .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0", "FIRING 7 50.0", "RESOLVED 10 0.0");
  }

  /** Passes periods on; at minute {@code at}, once, waits for the test's go and then fails. */
  private static final class FailOnce implements MapFunction<PeriodTraffic, PeriodTraffic> {
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
    private final String name;
    private final long at;

    FailOnce(String name, long at) {
      this.name = name;
      this.at = at;
    }

    @Override
    public PeriodTraffic map(PeriodTraffic t) throws Exception {
      if (t.windowStart().equals(DAY_START.plusSeconds(60 * at)) && FAILED.add(name)) {
        Gate.await(name);
        throw new IllegalStateException("injected failure at minute " + at);
      }
      return t;
    }
  }

  @Test
  void aJobThatFailsAndStartsOverSendsNothingTwice_D11() throws Exception {
    String name = "fail-" + System.nanoTime();
    policy("80");
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    DataStream<PeriodTraffic> periods =
        minutes(env, FIRE_AND_RESOLVE, null, 0).map(new FailOnce(name, 7)).setParallelism(1);
    AlertBranch.attach(env, periods, settings(), true);
    try (WebhookDelivery delivery = delivery()) {
      JobClient job = env.executeAsync("alerts failing once");

      // Both notices are out before the failure; the restarted job (no checkpoint: from the
      // start) computes them again, and stores and sends neither a second time.
      Await.until(() -> receiver.received().size() >= 2);
      Gate.open(name);
      job.getJobExecutionResult().get();
      delivery.finish();
    }
    assertThat(receiver.notices(SECRET, DAY_START))
        .containsExactly("FIRING 2 90.0", "RESOLVED 4 50.0");
    assertThat(db.dsl().fetchCount(ALERT_EVENT)).isEqualTo(2);
    assertThat(db.dsl().fetchCount(io.peerbill.schema.jooq.Tables.WEBHOOK_ATTEMPT)).isEqualTo(2);
  }

  private static boolean terminated(JobClient job) {
    try {
      return job.getJobStatus().get().isGloballyTerminalState();
    } catch (Exception e) {
      return true; // the cluster no longer knows the job: it is gone
    }
  }

  static AlertPolicySpec withThreshold(AlertPolicySpec s, String threshold) {
    return new AlertPolicySpec(
        s.name(),
        s.metric(),
        s.comparison(),
        new BigDecimal(threshold),
        s.period(),
        s.consecutivePeriods(),
        s.severity(),
        s.connectionId(),
        s.repeat(),
        s.notifyOnRecovery(),
        s.webhookUrl(),
        s.webhookSecret());
  }
}
