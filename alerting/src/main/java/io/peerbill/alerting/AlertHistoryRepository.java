package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ALERT_EVENT;
import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads current and past alerts from the stored events: one row per (policy, connection). */
public final class AlertHistoryRepository {

  private final DSLContext dsl;

  public AlertHistoryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Alerts, newest first.
   *
   * @param accountId only this account's, or null for all
   * @param firingOnly only those whose last notice was FIRING or REPEAT
   */
  public List<AlertSummary> list(String accountId, boolean firingOnly) {
    var e = ALERT_EVENT.as("e");
    Field<Integer> notices =
        DSL.count().over(DSL.partitionBy(e.POLICY_ID, e.CONNECTION_ID)).as("notices");
    Field<java.time.OffsetDateTime> firedAt =
        DSL.max(DSL.when(e.STATE.eq("FIRING"), e.WINDOW_END))
            .over(DSL.partitionBy(e.POLICY_ID, e.CONNECTION_ID))
            .as("fired_at");
    Field<Integer> rank =
        DSL.rowNumber()
            .over(DSL.partitionBy(e.POLICY_ID, e.CONNECTION_ID).orderBy(e.WINDOW_END.desc()))
            .as("rank");
    Condition account = accountId == null ? DSL.noCondition() : e.ACCOUNT_ID.eq(accountId);
    var latest =
        dsl.select(e.asterisk(), notices, firedAt, rank).from(e).where(account).asTable("latest");
    Condition state = firingOnly ? latest.field(e.STATE).in("FIRING", "REPEAT") : DSL.noCondition();
    return dsl.select(latest.fields())
        .select(ALERT_POLICY.NAME)
        .from(latest)
        .join(ALERT_POLICY)
        .on(ALERT_POLICY.ID.eq(latest.field(e.POLICY_ID)))
        .where(latest.field(rank).eq(1))
        .and(state)
        .orderBy(latest.field(e.WINDOW_END).desc(), latest.field(e.POLICY_ID))
        .fetch(
            r ->
                new AlertSummary(
                    r.get(latest.field(e.POLICY_ID)),
                    r.get(ALERT_POLICY.NAME),
                    r.get(latest.field(e.ACCOUNT_ID)),
                    r.get(latest.field(e.CONNECTION_ID)),
                    AlertMetric.fromVendorName(r.get(latest.field(e.METRIC))),
                    Comparison.valueOf(r.get(latest.field(e.COMPARATOR))),
                    r.get(latest.field(e.THRESHOLD)),
                    Severity.valueOf(r.get(latest.field(e.SEVERITY))),
                    AlertEventState.valueOf(r.get(latest.field(e.STATE))),
                    r.get(latest.field(e.VALUE)),
                    r.get(latest.field(e.WINDOW_END)).toInstant(),
                    r.get(latest.field(firedAt)) == null
                        ? null
                        : r.get(latest.field(firedAt)).toInstant(),
                    r.get(latest.field(notices))));
  }
}
