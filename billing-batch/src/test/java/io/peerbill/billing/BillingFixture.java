package io.peerbill.billing;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;

import io.peerbill.peering.Connection;
import io.peerbill.peering.PeeringSettings;
import io.peerbill.peering.Vpc;
import io.peerbill.peering.WorldBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * The rows billing reads: regions, accounts and connections built through the peering service
 * ({@link WorldBuilder}, each step at its instant, so the transition record and the caps are what
 * the rules record), and what the stream would have written (5-minute buckets, too-late samples,
 * the watermark) straight into PostgreSQL.
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

  private static final PeeringSettings ONE_HOUR_TO_ACCEPT =
      new PeeringSettings(
          PeeringSettings.DEFAULTS.maxConnectionsPerVpc(),
          PeeringSettings.DEFAULTS.minCapMbps(),
          PeeringSettings.DEFAULTS.maxCapMbps(),
          Duration.ofHours(1));

  private final DSLContext dsl;
  private final WorldBuilder world;

  public BillingFixture(DSLContext dsl) {
    this.dsl = dsl;
    this.world = new WorldBuilder(dsl, Clock.systemUTC());
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
    world
        .region(GUANGZHOU, "Guangzhou", "cn-mainland")
        .region(BEIJING, "Beijing", "cn-mainland")
        .region(SINGAPORE, "Singapore", "overseas")
        .account(REQUESTER, "requester")
        .account(ACCEPTER, "accepter");
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
    return active(REQUESTER, requesterRegion, accepterRegion, cap, from);
  }

  /**
   * A connection {@code requester} (one of the two accounts) asked the other for at {@code from},
   * accepted at once: ACTIVE from {@code from}, its cap recorded from then.
   */
  public String active(
      String requester, String requesterRegion, String accepterRegion, Integer cap, Instant from) {
    return active("t", requester, requesterRegion, accepterRegion, cap, from);
  }

  /** {@link #active(String, String, String, Integer, Instant)}, named {@code name}. */
  public String active(
      String name,
      String requester,
      String requesterRegion,
      String accepterRegion,
      Integer cap,
      Instant from) {
    WorldBuilder at = world.at(from);
    return at.accept(request(at, name, requester, requesterRegion, accepterRegion, cap)).id();
  }

  /**
   * A connection that never became ACTIVE: pending from {@code created}, or rejected / withdrawn /
   * expired an hour later (expired: requested with a one-hour acceptance window, R6).
   */
  public String neverActive(String state, Instant created) {
    Instant hourLater = created.plusSeconds(3600);
    if (state.equals("EXPIRED")) {
      WorldBuilder hourWindow = new WorldBuilder(dsl, Clock.systemUTC(), ONE_HOUR_TO_ACCEPT);
      String id = request(hourWindow.at(created), "t", REQUESTER, GUANGZHOU, BEIJING, 100).id();
      hourWindow.at(hourLater).expireDue();
      return id;
    }
    Connection c = request(world.at(created), "t", REQUESTER, GUANGZHOU, BEIJING, 100);
    return switch (state) {
      case "PENDING_ACCEPTANCE" -> c.id();
      case "REJECTED" -> world.at(hourLater).reject(c).id();
      case "WITHDRAWN" -> world.at(hourLater).withdraw(c).id();
      default -> throw new IllegalArgumentException("not a state that never was ACTIVE: " + state);
    };
  }

  public void delete(String id, Instant at) {
    world.at(at).peering().connections().delete(REQUESTER, id);
  }

  /**
   * Corrects a connection's transition record: it never became ACTIVE after all, it went from
   * pending to {@code state} (e.g. WITHDRAWN) at the same moment instead. No service rewrites
   * history; this stands for an operator's correction of the record, made as one would make it.
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

  /** The requester's account sets the cap from {@code from} on (R16). */
  public void capChange(String id, int capMbps, Instant from) {
    WorldBuilder at = world.at(from);
    at.setCap(at.peering().connections().show(REQUESTER, id), capMbps);
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

  /** Two VPCs of their own (so no rule of another test's connection applies) and a request. */
  private static Connection request(
      WorldBuilder at,
      String name,
      String requester,
      String requesterRegion,
      String accepterRegion,
      Integer cap) {
    String accepter = requester.equals(REQUESTER) ? ACCEPTER : REQUESTER;
    Vpc from = at.namedVpc("r", requester, requesterRegion, "10.0.0.0/16");
    Vpc to = at.namedVpc("a", accepter, accepterRegion, "10.1.0.0/16");
    return at.request(name, from, to, cap);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
