package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.CHARGE_MODE_CHANGE;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A connection's charge mode with its history (D13): DAILY_PEAK unless a change says otherwise. A
 * change chosen later takes effect on the first day of the next calendar month in the billing zone,
 * so a month is billed in one mode from its first day to its last; one chosen at creation takes
 * effect from the month of creation (nothing of it has been billed yet).
 */
public final class ChargeModes {

  private final DSLContext sql;
  private final Clock clock;

  public ChargeModes(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * The requester's account (it pays, D8) changes the charge mode of its live cross-region
   * connection from the next calendar month in {@code zone} on.
   */
  public ChargeModeChange set(String actor, String connectionId, ChargeMode mode, ZoneId zone) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          Connection c =
              store
                  .connections
                  .lock(connectionId)
                  .filter(found -> found.involvesAccount(actor))
                  .orElseThrow(() -> PeeringService.notFound(actor, connectionId));
          if (!c.requesterAccountId().equals(actor)) {
            throw PeeringException.of(
                ErrorCode.NOT_AUTHORIZED,
                "only the requester's account %s changes the charge mode of %s (it pays, D8)",
                c.requesterAccountId(),
                c.id());
          }
          if (!c.state().isLive()) {
            throw PeeringException.of(
                ErrorCode.INVALID_STATE, "%s is %s; only a live connection", c.id(), c.state());
          }
          YearMonth next = YearMonth.from(clock.instant().atZone(zone)).plusMonths(1);
          return record(tx, c, mode, next, zone, actor);
        });
  }

  /** Every change of the connection's charge mode, oldest first (empty: always DAILY_PEAK). */
  public List<ChargeModeChange> history(String actor, String connectionId) {
    Transactions.inTransaction(
        sql,
        tx ->
            new Store(tx)
                .connections
                .find(connectionId)
                .filter(c -> c.involvesAccount(new Guard(tx).actor(actor)))
                .orElseThrow(() -> PeeringService.notFound(actor, connectionId)));
    return sql.selectFrom(CHARGE_MODE_CHANGE)
        .where(CHARGE_MODE_CHANGE.CONNECTION_ID.eq(connectionId))
        .orderBy(CHARGE_MODE_CHANGE.EFFECTIVE_FROM, CHARGE_MODE_CHANGE.ID)
        .fetch(
            r ->
                new ChargeModeChange(
                    ChargeMode.valueOf(r.getChargeMode()),
                    r.getEffectiveMonth(),
                    r.getEffectiveFrom().toInstant(),
                    r.getZone(),
                    r.getActorAccountId()));
  }

  /** The mode in force at an instant, from a history as {@link #history} returns it. */
  public static ChargeMode inForce(List<ChargeModeChange> history, Instant at) {
    ChargeMode mode = ChargeMode.DAILY_PEAK;
    for (ChargeModeChange change : history) {
      if (!change.effectiveFrom().isAfter(at)) {
        mode = change.mode();
      }
    }
    return mode;
  }

  /** A mode chosen when creating: in force from the month of creation (DAILY_PEAK: no record). */
  static void chosenAtCreation(
      DSLContext tx, Connection c, ChargeMode mode, Instant now, ZoneId zone, String actor) {
    if (mode != ChargeMode.DAILY_PEAK) {
      record(tx, c, mode, YearMonth.from(now.atZone(zone)), zone, actor);
    }
  }

  /** Records a change in the caller's transaction; only cross-region connections are charged. */
  static ChargeModeChange record(
      DSLContext tx, Connection c, ChargeMode mode, YearMonth month, ZoneId zone, String actor) {
    if (c.scope() != Scope.CROSS_REGION) {
      throw PeeringException.of(
          ErrorCode.CHARGE_MODE_NOT_ALLOWED,
          "%s is same-region and free (R11); only cross-region connections have a charge mode",
          c.id());
    }
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    tx.insertInto(CHARGE_MODE_CHANGE)
        .set(CHARGE_MODE_CHANGE.CONNECTION_ID, c.id())
        .set(CHARGE_MODE_CHANGE.CHARGE_MODE, mode.name())
        .set(CHARGE_MODE_CHANGE.EFFECTIVE_MONTH, month.atDay(1))
        .set(CHARGE_MODE_CHANGE.EFFECTIVE_FROM, from.atOffset(ZoneOffset.UTC))
        .set(CHARGE_MODE_CHANGE.ZONE, zone.getId())
        .set(CHARGE_MODE_CHANGE.ACTOR_ACCOUNT_ID, actor)
        .execute();
    return new ChargeModeChange(mode, month.atDay(1), from, zone.getId(), actor);
  }
}
