package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * Moves every pending request whose acceptance window has passed to EXPIRED (R6), with its
 * transition event in the same transaction (D1). The nightly billing job runs it first.
 *
 * <p>The transition is recorded at the connection's {@code expires_at}, the moment it stopped being
 * acceptable, so the record does not depend on when the sweep happened to run. Expiry has no human
 * actor; the event names the accepter's account, whose window lapsed.
 *
 * <p>Idempotent and safe to run concurrently: candidate rows are locked in id order (no deadlock
 * between sweeps) and re-checked after the lock, so each connection expires exactly once.
 */
public final class ExpirySweep {

  private final DSLContext sql;
  private final Clock clock;

  public ExpirySweep(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Expires every due pending connection; returns how many this call expired. */
  public int expireDue() {
    OffsetDateTime now = DbTime.now(clock);
    return sql.transactionResult(tx -> expireDue(tx.dsl(), now, DSL.noCondition()));
  }

  /** The same, inside the caller's transaction, for the connections matching {@code scope}. */
  static int expireDue(DSLContext tx, OffsetDateTime now, Condition scope) {
    List<String> due =
        tx.select(PEERING_CONNECTION.ID)
            .from(PEERING_CONNECTION)
            .where(PEERING_CONNECTION.STATE.eq(ConnectionState.PENDING_ACCEPTANCE.name()))
            .and(PEERING_CONNECTION.EXPIRES_AT.le(now))
            .and(scope)
            .orderBy(PEERING_CONNECTION.ID)
            .forUpdate()
            .fetch(PEERING_CONNECTION.ID);
    if (due.isEmpty()) {
      return 0;
    }
    List<Record3<String, String, OffsetDateTime>> expired =
        tx.update(PEERING_CONNECTION)
            .set(PEERING_CONNECTION.STATE, ConnectionState.EXPIRED.name())
            .set(PEERING_CONNECTION.ENDED_AT, PEERING_CONNECTION.EXPIRES_AT)
            .where(PEERING_CONNECTION.ID.in(due))
            .and(PEERING_CONNECTION.STATE.eq(ConnectionState.PENDING_ACCEPTANCE.name()))
            .returningResult(
                PEERING_CONNECTION.ID,
                PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID,
                PEERING_CONNECTION.EXPIRES_AT)
            .fetch();
    if (expired.isEmpty()) {
      return 0;
    }
    InsertValuesStep5<?, String, String, String, String, OffsetDateTime> events =
        tx.insertInto(
            PEERING_EVENT,
            PEERING_EVENT.CONNECTION_ID,
            PEERING_EVENT.FROM_STATE,
            PEERING_EVENT.TO_STATE,
            PEERING_EVENT.ACTOR_ACCOUNT_ID,
            PEERING_EVENT.OCCURRED_AT);
    for (Record3<String, String, OffsetDateTime> row : expired) {
      events =
          events.values(
              row.value1(),
              ConnectionState.PENDING_ACCEPTANCE.name(),
              ConnectionState.EXPIRED.name(),
              row.value2(),
              row.value3());
    }
    events.execute();
    return expired.size();
  }
}
