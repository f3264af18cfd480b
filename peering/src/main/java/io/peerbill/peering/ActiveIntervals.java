package io.peerbill.peering;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A connection's ACTIVE time within a range, read from the {@code peering_active_interval} view
 * (the one definition of ACTIVE time, derived from the transition record, D1). Billing uses it.
 */
public final class ActiveIntervals {

  private final DSLContext sql;

  public ActiveIntervals(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * The half-open intervals within {@code [from, to)} during which the connection was ACTIVE,
   * clipped to the range and in order; empty when it never was.
   */
  public List<ActiveInterval> of(String connectionId, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw PeeringException.of(ErrorCode.INVALID_INPUT, "the range [%s, %s) is empty", from, to);
    }
    return new HistoryRepository(sql).activeIntervals(connectionId, from, to);
  }
}
