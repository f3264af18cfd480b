package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;

import io.peerbill.schema.jooq.tables.records.PeeringConnectionRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Peering connections as stored. */
final class ConnectionRepository {

  private static final List<String> LIVE = ConnectionState.LIVE.stream().map(Enum::name).toList();

  private final DSLContext sql;

  ConnectionRepository(DSLContext sql) {
    this.sql = sql;
  }

  void insert(Connection c) {
    sql.insertInto(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.ID, c.id())
        .set(PEERING_CONNECTION.NAME, c.name())
        .set(PEERING_CONNECTION.REQUESTER_VPC_ID, c.requesterVpcId())
        .set(PEERING_CONNECTION.REQUESTER_ACCOUNT_ID, c.requesterAccountId())
        .set(PEERING_CONNECTION.REQUESTER_REGION, c.requesterRegion())
        .set(PEERING_CONNECTION.ACCEPTER_VPC_ID, c.accepterVpcId())
        .set(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID, c.accepterAccountId())
        .set(PEERING_CONNECTION.ACCEPTER_REGION, c.accepterRegion())
        .set(PEERING_CONNECTION.SCOPE, c.scope().name())
        .set(PEERING_CONNECTION.STATE, c.state().name())
        .set(PEERING_CONNECTION.BANDWIDTH_CAP_MBPS, c.capMbps())
        .set(PEERING_CONNECTION.CREATED_AT, utc(c.createdAt()))
        .set(PEERING_CONNECTION.ACCEPTED_AT, utc(c.acceptedAt()))
        .set(PEERING_CONNECTION.EXPIRES_AT, utc(c.expiresAt()))
        .execute();
  }

  Optional<Connection> find(String id) {
    return sql.selectFrom(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.eq(id))
        .fetchOptional(ConnectionRepository::connection);
  }

  /** Reads the connection and locks its row until the transaction ends. */
  Optional<Connection> lock(String id) {
    return sql.selectFrom(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.eq(id))
        .forUpdate()
        .fetchOptional(ConnectionRepository::connection);
  }

  /** Pending and active connections with an end in any of the VPCs. */
  List<Connection> liveOf(Collection<String> vpcIds) {
    return where(PEERING_CONNECTION.STATE.in(LIVE).and(endIn(vpcIds)));
  }

  List<Connection> ofAccount(String accountId) {
    return where(ofAccountIs(accountId));
  }

  /** Connections the account is an end of. */
  static Condition ofAccountIs(String accountId) {
    return PEERING_CONNECTION
        .REQUESTER_ACCOUNT_ID
        .eq(accountId)
        .or(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID.eq(accountId));
  }

  static Condition idIs(String connectionId) {
    return PEERING_CONNECTION.ID.eq(connectionId);
  }

  static Condition endIn(Collection<String> vpcIds) {
    return PEERING_CONNECTION
        .REQUESTER_VPC_ID
        .in(vpcIds)
        .or(PEERING_CONNECTION.ACCEPTER_VPC_ID.in(vpcIds));
  }

  void moveTo(String id, ConnectionState state, OffsetDateTime at) {
    var update = sql.update(PEERING_CONNECTION).set(PEERING_CONNECTION.STATE, state.name());
    if (state == ConnectionState.ACTIVE) {
      update = update.set(PEERING_CONNECTION.ACCEPTED_AT, at);
    } else {
      update = update.set(PEERING_CONNECTION.ENDED_AT, at);
    }
    update.where(PEERING_CONNECTION.ID.eq(id)).execute();
  }

  void setCap(String id, int capMbps) {
    sql.update(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.BANDWIDTH_CAP_MBPS, capMbps)
        .where(PEERING_CONNECTION.ID.eq(id))
        .execute();
  }

  private List<Connection> where(Condition condition) {
    return sql.selectFrom(PEERING_CONNECTION)
        .where(condition)
        .orderBy(PEERING_CONNECTION.CREATED_AT, PEERING_CONNECTION.ID)
        .fetch(ConnectionRepository::connection);
  }

  private static Connection connection(PeeringConnectionRecord r) {
    return new Connection(
        r.getId(),
        r.getName(),
        r.getRequesterVpcId(),
        r.getRequesterAccountId(),
        r.getRequesterRegion(),
        r.getAccepterVpcId(),
        r.getAccepterAccountId(),
        r.getAccepterRegion(),
        Scope.valueOf(r.getScope()),
        ConnectionState.valueOf(r.getState()),
        r.getBandwidthCapMbps(),
        instant(r.getCreatedAt()),
        instant(r.getAcceptedAt()),
        instant(r.getExpiresAt()),
        instant(r.getEndedAt()));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
