package io.peerbill.billing;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.BANDWIDTH_CAP_CHANGE;
import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static io.peerbill.schema.jooq.Tables.REGION;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static io.peerbill.schema.jooq.Tables.VPC;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * Builds the rows billing reads — regions, accounts, connections with their transition record and
 * caps, 5-minute buckets, too-late samples — straight into PostgreSQL.
 */
public final class BillingFixture {

  public static final String REQUESTER = "acct-requester";
  public static final String ACCEPTER = "acct-accepter";

  /** Guangzhou and Beijing: cross-region, both cn-mainland. */
  public static final String GUANGZHOU = "ap-guangzhou";

  public static final String BEIJING = "ap-beijing";

  /** An overseas region: a different geo zone. */
  public static final String SINGAPORE = "ap-singapore";

  /** Bytes in one 5-minute bucket that average the given Mbps: Mbps × 10^6 / 8 × 300. */
  public static long bytesFor(double mbps) {
    return Math.round(mbps * 37_500_000d);
  }

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final DSLContext dsl;

  public BillingFixture(DSLContext dsl) {
    this.dsl = dsl;
  }

  public void clean() {
    dsl.execute(
        "TRUNCATE bill_statement, bill_line_revision, bill_line, month_statement,"
            + " month_bill_line_revision, month_bill_line, month_billing_run, tariff_tier, tariff,"
            + " metering_watermark, rejected_sample, traffic_5m, traffic_1m, bandwidth_cap_change,"
            + " peering_event, route, subnet, route_table, peering_connection, vpc_cidr_block, vpc,"
            + " region, account CASCADE");
    dsl.execute("TRUNCATE batch_job_instance CASCADE");
    dsl.execute("TRUNCATE billing_stage");
    for (String table :
        dsl.fetch("SELECT tablename FROM pg_tables WHERE tablename LIKE 'daily_peak_stage_%'")
            .getValues(0, String.class)) {
      dsl.execute("DROP TABLE " + table);
    }
    dsl.insertInto(REGION, REGION.CODE, REGION.NAME, REGION.GEO_ZONE)
        .values(GUANGZHOU, "Guangzhou", "cn-mainland")
        .values(BEIJING, "Beijing", "cn-mainland")
        .values(SINGAPORE, "Singapore", "overseas")
        .execute();
    dsl.insertInto(ACCOUNT, ACCOUNT.ID, ACCOUNT.NAME)
        .values(REQUESTER, "requester")
        .values(ACCEPTER, "accepter")
        .execute();
  }

  /** Partitions of traffic_5m for the days around a billing day. */
  public void partitions(LocalDate day) {
    dsl.execute(
        "SELECT traffic_ensure_partitions(?::date, ?::date)",
        day.minusDays(2).toString(),
        day.plusDays(2).toString());
  }

  /** A cross-region connection (Guangzhou → Beijing) that became ACTIVE at {@code from}. */
  public String crossRegion(int capMbps, Instant from) {
    return active(GUANGZHOU, BEIJING, capMbps, from);
  }

  public String sameRegion(Instant from) {
    return active(GUANGZHOU, GUANGZHOU, null, from);
  }

  public String active(String requesterRegion, String accepterRegion, Integer cap, Instant from) {
    String id = connection(requesterRegion, accepterRegion, cap, "ACTIVE", from);
    event(id, "PENDING_ACCEPTANCE", "ACTIVE", from);
    if (cap != null) {
      capChange(id, cap, from);
    }
    return id;
  }

  /**
   * A connection that never became ACTIVE: pending, or rejected / withdrawn / expired from pending.
   */
  public String neverActive(String state, Instant created) {
    String id = connection(GUANGZHOU, BEIJING, 100, state, created);
    event(id, null, "PENDING_ACCEPTANCE", created);
    if (!state.equals("PENDING_ACCEPTANCE")) {
      event(id, "PENDING_ACCEPTANCE", state, created.plusSeconds(3600));
    }
    return id;
  }

  public void delete(String id, Instant at) {
    dsl.update(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.STATE, "DELETED")
        .set(PEERING_CONNECTION.ENDED_AT, utc(at))
        .where(PEERING_CONNECTION.ID.eq(id))
        .execute();
    event(id, "ACTIVE", "DELETED", at);
  }

  /**
   * Corrects a connection's transition record: it never became ACTIVE after all, it went from
   * pending to {@code state} (e.g. WITHDRAWN) at the same moment instead.
   */
  public void neverActiveAfterAll(String id, String state) {
    dsl.update(PEERING_EVENT)
        .set(PEERING_EVENT.TO_STATE, state)
        .where(PEERING_EVENT.CONNECTION_ID.eq(id))
        .and(PEERING_EVENT.TO_STATE.eq("ACTIVE"))
        .execute();
    dsl.update(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.STATE, state)
        .where(PEERING_CONNECTION.ID.eq(id))
        .execute();
  }

  public void capChange(String id, int capMbps, Instant from) {
    dsl.insertInto(BANDWIDTH_CAP_CHANGE)
        .set(BANDWIDTH_CAP_CHANGE.CONNECTION_ID, id)
        .set(BANDWIDTH_CAP_CHANGE.CAP_MBPS, capMbps)
        .set(BANDWIDTH_CAP_CHANGE.EFFECTIVE_FROM, utc(from))
        .set(BANDWIDTH_CAP_CHANGE.ACTOR_ACCOUNT_ID, REQUESTER)
        .execute();
  }

  /** A 5-minute bucket as the stream writes it; {@code bucketStart} on a 5-minute boundary. */
  public void bucket(String id, Instant bucketStart, long inBytes, long outBytes) {
    add(id, bucketStart, inBytes, outBytes);
  }

  /**
   * A sample that came after its bucket's allowed lateness, added as the stream adds it: to the
   * 5-minute bucket containing {@code ts - 1 ms} ({@code ts} is the end of its interval).
   */
  public void tooLate(String id, Instant ts, long inBytes, long outBytes) {
    long counted = ts.toEpochMilli() - 1;
    add(id, Instant.ofEpochMilli(counted - Math.floorMod(counted, 300_000L)), inBytes, outBytes);
  }

  /** One sample's bytes added to a bucket, as the stream's writes are: additive. */
  private void add(String id, Instant bucketStart, long inBytes, long outBytes) {
    dsl.insertInto(TRAFFIC_5M)
        .set(TRAFFIC_5M.CONNECTION_ID, id)
        .set(TRAFFIC_5M.BUCKET_START, utc(bucketStart))
        .set(TRAFFIC_5M.IN_BYTES, inBytes)
        .set(TRAFFIC_5M.OUT_BYTES, outBytes)
        .set(TRAFFIC_5M.IN_PACKETS, 0L)
        .set(TRAFFIC_5M.OUT_PACKETS, 0L)
        .set(TRAFFIC_5M.IN_DROPPED, 0L)
        .set(TRAFFIC_5M.OUT_DROPPED, 0L)
        .set(TRAFFIC_5M.SAMPLE_COUNT, 1)
        .onConflict(TRAFFIC_5M.CONNECTION_ID, TRAFFIC_5M.BUCKET_START)
        .doUpdate()
        .set(TRAFFIC_5M.IN_BYTES, TRAFFIC_5M.IN_BYTES.plus(inBytes))
        .set(TRAFFIC_5M.OUT_BYTES, TRAFFIC_5M.OUT_BYTES.plus(outBytes))
        .set(TRAFFIC_5M.SAMPLE_COUNT, TRAFFIC_5M.SAMPLE_COUNT.plus(1))
        .execute();
  }

  public void watermark(Instant completeUntil) {
    dsl.insertInto(METERING_WATERMARK)
        .set(METERING_WATERMARK.STREAM, "metering")
        .set(METERING_WATERMARK.COMPLETE_UNTIL, utc(completeUntil))
        .onConflict(METERING_WATERMARK.STREAM, METERING_WATERMARK.WRITER)
        .doUpdate()
        .set(METERING_WATERMARK.COMPLETE_UNTIL, utc(completeUntil))
        .execute();
  }

  private String connection(
      String requesterRegion, String accepterRegion, Integer cap, String state, Instant created) {
    int n = SEQUENCE.incrementAndGet();
    String requesterVpc = String.format("vpc-r%08d", n);
    String accepterVpc = String.format("vpc-a%08d", n);
    dsl.insertInto(VPC, VPC.ID, VPC.ACCOUNT_ID, VPC.REGION, VPC.NAME)
        .values(requesterVpc, REQUESTER, requesterRegion, "r")
        .values(accepterVpc, ACCEPTER, accepterRegion, "a")
        .execute();
    String id = String.format("pcx-%08d", n);
    dsl.insertInto(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.ID, id)
        .set(PEERING_CONNECTION.NAME, id)
        .set(PEERING_CONNECTION.REQUESTER_VPC_ID, requesterVpc)
        .set(PEERING_CONNECTION.REQUESTER_ACCOUNT_ID, REQUESTER)
        .set(PEERING_CONNECTION.REQUESTER_REGION, requesterRegion)
        .set(PEERING_CONNECTION.ACCEPTER_VPC_ID, accepterVpc)
        .set(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID, ACCEPTER)
        .set(PEERING_CONNECTION.ACCEPTER_REGION, accepterRegion)
        .set(
            PEERING_CONNECTION.SCOPE,
            requesterRegion.equals(accepterRegion) ? "SAME_REGION" : "CROSS_REGION")
        .set(PEERING_CONNECTION.STATE, state)
        .set(PEERING_CONNECTION.BANDWIDTH_CAP_MBPS, cap)
        .set(PEERING_CONNECTION.CREATED_AT, utc(created))
        .set(
            PEERING_CONNECTION.EXPIRES_AT,
            state.equals("PENDING_ACCEPTANCE") ? utc(created.plusSeconds(7 * 86400)) : null)
        .execute();
    return id;
  }

  private void event(String id, String from, String to, Instant at) {
    dsl.insertInto(PEERING_EVENT)
        .set(PEERING_EVENT.CONNECTION_ID, id)
        .set(PEERING_EVENT.FROM_STATE, from)
        .set(PEERING_EVENT.TO_STATE, to)
        .set(PEERING_EVENT.ACTOR_ACCOUNT_ID, REQUESTER)
        .set(PEERING_EVENT.OCCURRED_AT, utc(at))
        .execute();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
