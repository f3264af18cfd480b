package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.BANDWIDTH_CAP_CHANGE;
import static io.peerbill.schema.jooq.Tables.PEERING_ACTIVE_INTERVAL;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What happened to connections: state transitions (D1), cap changes (D3), and the ACTIVE time the
 * {@code peering_active_interval} view derives from the transitions.
 */
final class HistoryRepository {

  private final DSLContext sql;

  HistoryRepository(DSLContext sql) {
    this.sql = sql;
  }

  void record(Transition t) {
    sql.insertInto(PEERING_EVENT)
        .set(PEERING_EVENT.CONNECTION_ID, t.connectionId())
        .set(PEERING_EVENT.FROM_STATE, t.from() == null ? null : t.from().name())
        .set(PEERING_EVENT.TO_STATE, t.to().name())
        .set(PEERING_EVENT.ACTOR_ACCOUNT_ID, t.actor())
        .set(PEERING_EVENT.OCCURRED_AT, ConnectionRepository.utc(t.at()))
        .execute();
  }

  List<Transition> transitions(String connectionId) {
    return sql.selectFrom(PEERING_EVENT)
        .where(PEERING_EVENT.CONNECTION_ID.eq(connectionId))
        .orderBy(PEERING_EVENT.OCCURRED_AT, PEERING_EVENT.ID)
        .fetch(
            r ->
                new Transition(
                    r.getConnectionId(),
                    r.getFromState() == null ? null : ConnectionState.valueOf(r.getFromState()),
                    ConnectionState.valueOf(r.getToState()),
                    r.getActorAccountId(),
                    r.getOccurredAt().toInstant()));
  }

  void recordCap(String connectionId, int capMbps, OffsetDateTime from, String actor) {
    sql.insertInto(BANDWIDTH_CAP_CHANGE)
        .set(BANDWIDTH_CAP_CHANGE.CONNECTION_ID, connectionId)
        .set(BANDWIDTH_CAP_CHANGE.CAP_MBPS, capMbps)
        .set(BANDWIDTH_CAP_CHANGE.EFFECTIVE_FROM, from)
        .set(BANDWIDTH_CAP_CHANGE.ACTOR_ACCOUNT_ID, actor)
        .set(BANDWIDTH_CAP_CHANGE.RECORDED_AT, from)
        .execute();
  }

  List<CapChange> caps(String connectionId) {
    return sql.selectFrom(BANDWIDTH_CAP_CHANGE)
        .where(BANDWIDTH_CAP_CHANGE.CONNECTION_ID.eq(connectionId))
        .orderBy(BANDWIDTH_CAP_CHANGE.EFFECTIVE_FROM, BANDWIDTH_CAP_CHANGE.ID)
        .fetch(
            r ->
                new CapChange(
                    r.getCapMbps(), r.getEffectiveFrom().toInstant(), r.getActorAccountId()));
  }

  /**
   * The connection's ACTIVE intervals that meet {@code [from, to)}, clipped to it; an interval
   * still open ends at {@code to}.
   */
  List<ActiveInterval> activeIntervals(String connectionId, Instant from, Instant to) {
    OffsetDateTime start = ConnectionRepository.utc(from);
    OffsetDateTime end = ConnectionRepository.utc(to);
    var activeTo = DSL.coalesce(PEERING_ACTIVE_INTERVAL.ACTIVE_TO, DSL.val(end));
    return sql.select(
            DSL.greatest(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM, DSL.val(start)),
            DSL.least(activeTo, DSL.val(end)))
        .from(PEERING_ACTIVE_INTERVAL)
        .where(PEERING_ACTIVE_INTERVAL.CONNECTION_ID.eq(connectionId))
        .and(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM.lt(end))
        .and(activeTo.gt(start))
        .orderBy(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM)
        .fetch(r -> new ActiveInterval(r.value1().toInstant(), r.value2().toInstant()));
  }
}
