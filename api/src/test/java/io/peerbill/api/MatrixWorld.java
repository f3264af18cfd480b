package io.peerbill.api;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.BILL_STATEMENT;
import static io.peerbill.schema.jooq.Tables.MONTH_BILL_LINE;
import static io.peerbill.schema.jooq.Tables.WEBHOOK_DELIVERY;

import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.RepeatSchedule;
import io.peerbill.alerting.Severity;
import io.peerbill.alerting.StatisticPeriod;
import io.peerbill.api.ApiTestBase.Party;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.Subnet;
import io.peerbill.peering.Vpc;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Fresh resources for one call of the authorization matrix: the owner's VPC, subnet, route table
 * and connections in every state a route acts on, made through the services (the API is what the
 * matrix tests, not how its world was built).
 */
final class MatrixWorld {

  private final Peering peering;
  private final ApiKeys keys;
  private final DSLContext dsl;
  final Party owner;
  final Party peer;
  final String home;
  final String away;

  MatrixWorld(
      Peering peering,
      ApiKeys keys,
      DSLContext dsl,
      Party owner,
      Party peer,
      String home,
      String away) {
    this.peering = peering;
    this.keys = keys;
    this.dsl = dsl;
    this.owner = owner;
    this.peer = peer;
    this.home = home;
    this.away = away;
  }

  Vpc vpc() {
    return peering.vpcs().create(owner.id(), home, "m", List.of(CidrBlock.parse("10.1.0.0/16")));
  }

  Subnet subnet() {
    Vpc v = vpc();
    return peering
        .vpcs()
        .createSubnet(owner.id(), v.id(), "s", CidrBlock.parse("10.1.1.0/24"), null);
  }

  String routeTable() {
    return subnet().routeTableId();
  }

  /** A cross-region request from the peer: the owner is its accepter. */
  Connection requestToOwner() {
    Vpc mine = vpc();
    Vpc theirs = peerVpc();
    return peering
        .connections()
        .create(
            peer.id(), new ConnectionRequest("m", theirs.id(), mine.id(), owner.id(), home, 100));
  }

  /** A cross-region request of the owner, pending. */
  Connection requestOfOwner() {
    Vpc mine = vpc();
    Vpc theirs = peerVpc();
    return peering
        .connections()
        .create(
            owner.id(), new ConnectionRequest("m", mine.id(), theirs.id(), peer.id(), away, 100));
  }

  /** An ACTIVE cross-region connection the owner requested (and pays for). */
  Connection active() {
    Connection c = requestOfOwner();
    return peering.connections().accept(peer.id(), c.id());
  }

  /** A route table of the owner whose VPC has an ACTIVE connection, and that connection. */
  String[] routeTableWithPeering() {
    Connection c = active();
    String table = peering.vpcs().routeTables(owner.id(), c.requesterVpcId()).get(0).id();
    return new String[] {table, c.id()};
  }

  void addRoute(String routeTable, String connectionId) {
    peering.routes().add(owner.id(), routeTable, CidrBlock.parse("10.2.0.0/16"), connectionId);
  }

  /** Two VPCs of the owner in one region that may peer (same account: ACTIVE at once, R9). */
  String[] twoOwnVpcs() {
    Vpc a = vpc();
    Vpc b = peering.vpcs().create(owner.id(), home, "b", List.of(CidrBlock.parse("10.5.0.0/16")));
    return new String[] {a.id(), b.id()};
  }

  /** A day the owner has a statement for (written here: the matrix tests access, not billing). */
  static final java.time.LocalDate STATEMENT_DAY = java.time.LocalDate.of(2020, 1, 1);

  java.time.LocalDate statementDay() {
    dsl.insertInto(BILL_STATEMENT)
        .set(BILL_STATEMENT.ACCOUNT_ID, owner.id())
        .set(BILL_STATEMENT.BILL_DAY, STATEMENT_DAY)
        .set(BILL_STATEMENT.CURRENCY, "CNY")
        .set(BILL_STATEMENT.LINE_COUNT, 0)
        .set(BILL_STATEMENT.FAILED_COUNT, 0)
        .set(BILL_STATEMENT.TOTAL, java.math.BigDecimal.ZERO)
        .set(BILL_STATEMENT.ADJUSTMENT, java.math.BigDecimal.ZERO)
        .onConflictDoNothing()
        .execute();
    return STATEMENT_DAY;
  }

  /** A month the owner has a month line for (D13), on a connection it pays for. */
  static final String LINE_MONTH = "2020-01";

  String monthLine() {
    Connection c = active();
    dsl.insertInto(MONTH_BILL_LINE)
        .set(MONTH_BILL_LINE.CONNECTION_ID, c.id())
        .set(MONTH_BILL_LINE.BILL_MONTH, java.time.LocalDate.of(2020, 1, 1))
        .set(MONTH_BILL_LINE.ZONE, "Asia/Shanghai")
        .set(MONTH_BILL_LINE.PAYER_ACCOUNT_ID, owner.id())
        .set(MONTH_BILL_LINE.PAIR_CLASS, "cn-mainland:overseas")
        .set(MONTH_BILL_LINE.STATUS, "NO_TRAFFIC")
        .set(MONTH_BILL_LINE.BILLED_MBPS, java.math.BigDecimal.ZERO)
        .set(MONTH_BILL_LINE.AMOUNT, java.math.BigDecimal.ZERO)
        .set(MONTH_BILL_LINE.CURRENCY, "CNY")
        .set(MONTH_BILL_LINE.POINTS, 0)
        .set(MONTH_BILL_LINE.POINTS_DROPPED, 0)
        .set(MONTH_BILL_LINE.ACTIVE_DAYS, 31)
        .set(MONTH_BILL_LINE.DAYS_IN_MONTH, 31)
        .execute();
    return LINE_MONTH;
  }

  /** A policy as JSON, named apart from every other. */
  static String policyBody() {
    return "{\"name\":\"via-http-"
        + POLICIES.incrementAndGet()
        + "\",\"metric\":\"InBandwidth\",\"comparator\":\">\",\"threshold\":600,"
        + "\"period\":\"1m\",\"consecutive_periods\":2,\"severity\":\"WARN\","
        + "\"webhook_url\":\"https://hooks.peerbill.test/alerts\","
        + "\"webhook_secret\":\"matrix-secret-0123456789\"}";
  }

  private static final java.util.concurrent.atomic.AtomicInteger POLICIES =
      new java.util.concurrent.atomic.AtomicInteger();

  long policy() {
    return new AlertPolicyService(dsl)
        .create(
            owner.id(),
            new AlertPolicySpec(
                "p" + POLICIES.incrementAndGet(),
                AlertMetric.fromVendorName("InBandwidth"),
                Comparison.parse(">"),
                java.math.BigDecimal.TEN,
                StatisticPeriod.ONE_MINUTE,
                1,
                Severity.WARN,
                null,
                RepeatSchedule.NONE,
                false,
                "https://hooks.peerbill.test/alerts",
                "matrix-secret-0123456789"))
        .id();
  }

  /** An alert event of the owner's policy, with its outbox row (as the stream's sink writes). */
  java.util.UUID delivery() {
    long policy = policy();
    java.util.UUID id = java.util.UUID.randomUUID();
    java.time.OffsetDateTime end = java.time.OffsetDateTime.parse("2026-11-25T10:00:00Z");
    dsl.insertInto(ALERT_EVENT)
        .set(ALERT_EVENT.ID, id)
        .set(ALERT_EVENT.POLICY_ID, policy)
        .set(ALERT_EVENT.POLICY_REVISION, 1L)
        .set(ALERT_EVENT.ACCOUNT_ID, owner.id())
        .set(ALERT_EVENT.CONNECTION_ID, "pcx-matrix00")
        .set(ALERT_EVENT.STATE, "FIRING")
        .set(ALERT_EVENT.METRIC, "InBandwidth")
        .set(ALERT_EVENT.COMPARATOR, "GT")
        .set(ALERT_EVENT.THRESHOLD, java.math.BigDecimal.TEN)
        .set(ALERT_EVENT.VALUE, 11.0)
        .set(ALERT_EVENT.SEVERITY, "WARN")
        .set(ALERT_EVENT.WINDOW_START, end.minusMinutes(1))
        .set(ALERT_EVENT.WINDOW_END, end)
        .execute();
    dsl.insertInto(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.EVENT_ID, id)
        .set(WEBHOOK_DELIVERY.STATUS, "FAILED")
        .execute();
    return id;
  }

  String freshKeyId() {
    return keys.createForAccount(owner.id(), "to revoke").key().id();
  }

  private Vpc peerVpc() {
    return peering.vpcs().create(peer.id(), away, "p", List.of(CidrBlock.parse("10.2.0.0/16")));
  }
}
