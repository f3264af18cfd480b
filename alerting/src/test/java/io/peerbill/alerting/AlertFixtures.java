package io.peerbill.alerting;

import io.peerbill.peering.Vpc;
import io.peerbill.peering.WorldBuilder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * Named accounts, connections and instants for alert tests; the accounts and connections are built
 * through the peering service ({@link WorldBuilder}), as a customer would have made them.
 */
public final class AlertFixtures {

  public static final String ALICE = "alice";
  public static final String BOB = "bob";
  public static final String CAROL = "carol";

  public static final Instant DAY_START = Instant.parse("2026-11-25T00:00:00Z");
  public static final Instant ONE_MINUTE_LATER = DAY_START.plusSeconds(60);
  public static final String SECRET = "s3cret-s3cret-s3cret";

  /**
   * The connections alert tests aim policies at.
   *
   * @param cross Alice's cross-region connection (Guangzhou - Beijing), cap 100 Mbps
   * @param same Alice's same-region connection (Guangzhou), no cap
   * @param others Bob's and Carol's connection: not Alice's
   */
  public record Connections(String cross, String same, String others) {}

  private AlertFixtures() {}

  /** The accounts and the three connections, all ACTIVE since the day before {@link #DAY_START}. */
  public static Connections lifecycle(DSLContext dsl) {
    WorldBuilder world =
        new WorldBuilder(dsl, Clock.systemUTC())
            .at(DAY_START.minus(Duration.ofDays(1)))
            .account(ALICE, ALICE)
            .account(BOB, BOB)
            .account(CAROL, CAROL)
            .region("ap-guangzhou", "Guangzhou", "cn-mainland")
            .region("ap-beijing", "Beijing", "cn-mainland");
    Vpc aliceGz = world.namedVpc("vpc-alice001", ALICE, "ap-guangzhou", "10.1.0.0/16");
    Vpc aliceBj = world.namedVpc("vpc-alice002", ALICE, "ap-beijing", "10.2.0.0/16");
    Vpc aliceGz2 = world.namedVpc("vpc-alice003", ALICE, "ap-guangzhou", "10.3.0.0/16");
    Vpc bob = world.namedVpc("vpc-bob00001", BOB, "ap-guangzhou", "10.4.0.0/16");
    Vpc carol = world.namedVpc("vpc-carol001", CAROL, "ap-guangzhou", "10.5.0.0/16");
    return new Connections(
        world.peer("cross", aliceGz, aliceBj, 100).id(),
        world.peer("same", aliceGz, aliceGz2, null).id(),
        world.peer("others", bob, carol, null).id());
  }

  /** Alice: InBandwidth > 80 Mbps on her cross-region connection, 1 min, 3 periods. */
  public static AlertPolicySpec inBandwidthAbove80(String cross, String webhookUrl) {
    return new AlertPolicySpec(
        "in-above-80",
        AlertMetric.IN_BANDWIDTH,
        Comparison.GT,
        new BigDecimal("80"),
        StatisticPeriod.ONE_MINUTE,
        3,
        Severity.WARN,
        cross,
        RepeatSchedule.NONE,
        true,
        webhookUrl,
        SECRET);
  }

  /** One minute of traffic on a connection with the given inbound Mbps. */
  public static PeriodTraffic minuteAt(String connection, Instant start, long inMbps) {
    long bytes = inMbps * 1_000_000 / 8 * 60;
    return new PeriodTraffic(
        connection,
        StatisticPeriod.ONE_MINUTE,
        start,
        new TrafficCounts(bytes, 0, 1000, 0, 0, 0),
        1,
        null);
  }

  /** A notice of {@code policy} on its connection for the minute from {@code start}. */
  public static AlertEvent notice(
      AlertPolicy policy, AlertEventState state, Instant start, double value) {
    Instant end = start.plusSeconds(60);
    AlertPolicySpec spec = policy.spec();
    return new AlertEvent(
        AlertEvent.idOf(policy.id(), spec.connectionId(), start, end),
        policy.id(),
        policy.revision(),
        policy.accountId(),
        spec.connectionId(),
        state,
        spec.metric(),
        spec.comparison(),
        spec.threshold(),
        value,
        spec.severity(),
        start,
        end,
        true);
  }
}
