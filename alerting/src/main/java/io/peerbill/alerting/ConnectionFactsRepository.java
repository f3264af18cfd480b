package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads, from the lifecycle model, what alerting needs to know about connections. */
public final class ConnectionFactsRepository {

  private final DSLContext dsl;

  public ConnectionFactsRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Optional<ConnectionFacts> find(String connectionId) {
    return dsl.selectFrom(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.eq(connectionId))
        .fetchOptional(ConnectionFactsRepository::facts);
  }

  /** The live (pending or active) connections with an end in one of these accounts. */
  public List<ConnectionFacts> liveOfAccounts(Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return List.of();
    }
    return dsl.selectFrom(PEERING_CONNECTION)
        .where(
            PEERING_CONNECTION
                .REQUESTER_ACCOUNT_ID
                .in(accountIds)
                .or(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID.in(accountIds)))
        .and(PEERING_CONNECTION.STATE.in("ACTIVE", "PENDING_ACCEPTANCE"))
        .fetch(ConnectionFactsRepository::facts);
  }

  /** The named connections, whatever their state. */
  public List<ConnectionFacts> byIds(Collection<String> connectionIds) {
    if (connectionIds.isEmpty()) {
      return List.of();
    }
    return dsl.selectFrom(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.in(connectionIds))
        .fetch(ConnectionFactsRepository::facts);
  }

  private static ConnectionFacts facts(Record r) {
    return new ConnectionFacts(
        r.get(PEERING_CONNECTION.ID),
        r.get(PEERING_CONNECTION.REQUESTER_ACCOUNT_ID),
        r.get(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID),
        "CROSS_REGION".equals(r.get(PEERING_CONNECTION.SCOPE)),
        r.get(PEERING_CONNECTION.BANDWIDTH_CAP_MBPS),
        r.get(PEERING_CONNECTION.STATE));
  }
}
