package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static io.peerbill.schema.jooq.Tables.REGION;
import static io.peerbill.schema.jooq.Tables.VPC;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Named accounts, connections and instants for alert tests, written straight into the lifecycle
 * tables (what the peering service would have recorded).
 */
public final class AlertFixtures {

  public static final String ALICE = "alice";
  public static final String BOB = "bob";
  public static final String CAROL = "carol";

  /** Alice's cross-region connection (Guangzhou - Beijing), cap 100 Mbps. */
  public static final String CROSS = "pcx-cross0001";

  /** Alice's same-region connection (Guangzhou), no cap. */
  public static final String SAME = "pcx-same00001";

  /** Bob's and Carol's connection: not Alice's. */
  public static final String OTHERS = "pcx-others001";

  public static final Instant DAY_START = Instant.parse("2026-11-25T00:00:00Z");
  public static final Instant ONE_MINUTE_LATER = DAY_START.plusSeconds(60);
  public static final String SECRET = "s3cret-s3cret-s3cret";

  private AlertFixtures() {}

  public static void lifecycle(DSLContext dsl) {
    for (String account : new String[] {ALICE, BOB, CAROL}) {
      dsl.insertInto(ACCOUNT).set(ACCOUNT.ID, account).set(ACCOUNT.NAME, account).execute();
    }
    dsl.insertInto(REGION, REGION.CODE, REGION.NAME, REGION.GEO_ZONE)
        .values("ap-guangzhou", "Guangzhou", "cn-mainland")
        .values("ap-beijing", "Beijing", "cn-mainland")
        .execute();
    vpc(dsl, "vpc-alice001", ALICE, "ap-guangzhou");
    vpc(dsl, "vpc-alice002", ALICE, "ap-beijing");
    vpc(dsl, "vpc-alice003", ALICE, "ap-guangzhou");
    vpc(dsl, "vpc-bob00001", BOB, "ap-guangzhou");
    vpc(dsl, "vpc-carol001", CAROL, "ap-guangzhou");
    connection(dsl, CROSS, "vpc-alice001", ALICE, "ap-guangzhou", "vpc-alice002", ALICE, 100);
    connection(dsl, SAME, "vpc-alice001", ALICE, "ap-guangzhou", "vpc-alice003", ALICE, null);
    connection(dsl, OTHERS, "vpc-bob00001", BOB, "ap-guangzhou", "vpc-carol001", CAROL, null);
  }

  private static void vpc(DSLContext dsl, String id, String account, String region) {
    dsl.insertInto(VPC)
        .set(VPC.ID, id)
        .set(VPC.ACCOUNT_ID, account)
        .set(VPC.REGION, region)
        .set(VPC.NAME, id)
        .execute();
  }

  private static void connection(
      DSLContext dsl,
      String id,
      String requesterVpc,
      String requester,
      String requesterRegion,
      String accepterVpc,
      String accepter,
      Integer cap) {
    OffsetDateTime created = DAY_START.minusSeconds(86400).atOffset(ZoneOffset.UTC);
    String accepterRegion = cap == null ? requesterRegion : "ap-beijing";
    dsl.insertInto(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.ID, id)
        .set(PEERING_CONNECTION.NAME, id)
        .set(PEERING_CONNECTION.REQUESTER_VPC_ID, requesterVpc)
        .set(PEERING_CONNECTION.REQUESTER_ACCOUNT_ID, requester)
        .set(PEERING_CONNECTION.REQUESTER_REGION, requesterRegion)
        .set(PEERING_CONNECTION.ACCEPTER_VPC_ID, accepterVpc)
        .set(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID, accepter)
        .set(PEERING_CONNECTION.ACCEPTER_REGION, accepterRegion)
        .set(PEERING_CONNECTION.SCOPE, cap == null ? "SAME_REGION" : "CROSS_REGION")
        .set(PEERING_CONNECTION.STATE, "ACTIVE")
        .set(PEERING_CONNECTION.BANDWIDTH_CAP_MBPS, cap)
        .set(PEERING_CONNECTION.CREATED_AT, created)
        .set(PEERING_CONNECTION.ACCEPTED_AT, created)
        .execute();
    dsl.insertInto(PEERING_EVENT)
        .set(PEERING_EVENT.CONNECTION_ID, id)
        .set(PEERING_EVENT.TO_STATE, "ACTIVE")
        .set(PEERING_EVENT.ACTOR_ACCOUNT_ID, requester)
        .set(PEERING_EVENT.OCCURRED_AT, created)
        .execute();
  }

  /** Alice: InBandwidth > 80 Mbps on the cross-region connection, 1 min, 3 periods. */
  public static AlertPolicySpec inBandwidthAbove80(String webhookUrl) {
    return new AlertPolicySpec(
        "in-above-80",
        AlertMetric.IN_BANDWIDTH,
        Comparison.GT,
        new BigDecimal("80"),
        StatisticPeriod.ONE_MINUTE,
        3,
        Severity.WARN,
        CROSS,
        RepeatSchedule.NONE,
        true,
        webhookUrl,
        SECRET);
  }

  /** One minute of traffic on a connection with the given inbound Mbps. */
  public static PeriodTraffic minuteAt(String connection, Instant start, long inMbps) {
    long bytes = inMbps * 1_000_000 / 8 * 60;
    return new PeriodTraffic(
        connection, StatisticPeriod.ONE_MINUTE, start, bytes, 0, 1000, 0, 0, 0, 1, null);
  }

  /** A notice of {@code policy} on {@link #CROSS} for the minute from {@code start}. */
  public static AlertEvent notice(
      AlertPolicy policy, AlertEventState state, Instant start, double value) {
    Instant end = start.plusSeconds(60);
    AlertPolicySpec spec = policy.spec();
    return new AlertEvent(
        AlertEvent.idOf(policy.id(), CROSS, start, end),
        policy.id(),
        policy.revision(),
        policy.accountId(),
        CROSS,
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
