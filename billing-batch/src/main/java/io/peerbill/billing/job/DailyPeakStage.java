package io.peerbill.billing.job;

import static io.peerbill.schema.jooq.Tables.BILLING_STAGE;

import io.peerbill.billing.BillingDay;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A job instance's staging table of the day's aggregate, with the record of what it staged ({@code
 * billing_stage}), both written and dropped in one transaction. The table is logged: a PostgreSQL
 * crash keeps it, as it keeps the lines written from it. What relies on it being whole (removing
 * lines whose connection is not in it) asks {@link #incomplete} first.
 */
@Component
public class DailyPeakStage {

  private final DSLContext dsl;
  private final JdbcTemplate jdbc;

  public DailyPeakStage(DSLContext dsl, DataSource dataSource) {
    this.dsl = dsl;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Stages the day's aggregate for a job instance, in the caller's transaction; returns rows. */
  public long stage(long jobInstanceId, BillingDay day) {
    String table = DailyPeakQuery.stagingTable(jobInstanceId);
    drop(jobInstanceId);
    jdbc.execute(DailyPeakQuery.stage(table, day));
    long rows = rowsIn(table);
    dsl.insertInto(BILLING_STAGE)
        .set(BILLING_STAGE.JOB_INSTANCE_ID, jobInstanceId)
        .set(BILLING_STAGE.BILL_DAY, day.date())
        .set(BILLING_STAGE.ZONE, day.zone().getId())
        .set(BILLING_STAGE.STAGED_ROWS, rows)
        .execute();
    return rows;
  }

  /**
   * Why the job instance's staging cannot be trusted as the day's list of billable connections
   * (nothing staged, the table gone, or not the rows staged); empty when it can.
   */
  public Optional<String> incomplete(long jobInstanceId) {
    Long staged =
        dsl.select(BILLING_STAGE.STAGED_ROWS)
            .from(BILLING_STAGE)
            .where(BILLING_STAGE.JOB_INSTANCE_ID.eq(jobInstanceId))
            .fetchOne(BILLING_STAGE.STAGED_ROWS);
    String table = DailyPeakQuery.stagingTable(jobInstanceId);
    if (staged == null) {
      return Optional.of("nothing was staged for job instance " + jobInstanceId);
    }
    if (!exists(table)) {
      return Optional.of("staging table " + table + " is gone (" + staged + " rows were staged)");
    }
    long rows = rowsIn(table);
    return rows == staged
        ? Optional.empty()
        : Optional.of(
            "staging table " + table + " holds " + rows + " rows, " + staged + " were staged");
  }

  /** Staged once, and no longer whole: its run cannot resume from it. */
  public boolean lost(long jobInstanceId) {
    return dsl.fetchExists(BILLING_STAGE, BILLING_STAGE.JOB_INSTANCE_ID.eq(jobInstanceId))
        && incomplete(jobInstanceId).isPresent();
  }

  /** Drops the table and its record, in the caller's transaction. */
  public void drop(long jobInstanceId) {
    jdbc.execute(DailyPeakQuery.drop(DailyPeakQuery.stagingTable(jobInstanceId)));
    dsl.deleteFrom(BILLING_STAGE).where(BILLING_STAGE.JOB_INSTANCE_ID.eq(jobInstanceId)).execute();
  }

  private boolean exists(String table) {
    return dsl.fetchValue(DSL.field("to_regclass({0}) IS NOT NULL", Boolean.class, table));
  }

  private long rowsIn(String table) {
    return dsl.fetchCount(DSL.table(DSL.name(table)));
  }
}
