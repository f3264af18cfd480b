package io.peerbill.billing.run;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingMonth;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Refuses to bill a day whose aggregates may still change: each writer of the metering stream
 * records in {@code metering_watermark} up to when its buckets are final (net of the stream's
 * allowed lateness, in the same transaction as its rows); day D is billable once that reaches the
 * end of D. The slowest running writer of any stream counts; with none running, the newest finished
 * run (a bounded replay has written all it will).
 */
@Component
public class CompletenessGuard {

  private final DSLContext dsl;

  public CompletenessGuard(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * @throws DayNotCompleteException when the day is not yet covered
   */
  public void check(BillingDay day) {
    check(day.toString(), day.end(), "the end of the day");
  }

  /**
   * @throws DayNotCompleteException when the month is not yet covered to its last instant
   */
  public void check(BillingMonth month) {
    check(month.toString(), month.end(), "the end of the month");
  }

  private void check(String what, Instant needed, String neededName) {
    OffsetDateTime watermark =
        dsl.select(
                coalesce(
                    min(METERING_WATERMARK.COMPLETE_UNTIL)
                        .filterWhere(METERING_WATERMARK.FINISHED.isFalse()),
                    max(METERING_WATERMARK.COMPLETE_UNTIL)))
            .from(METERING_WATERMARK)
            .fetchOne(0, OffsetDateTime.class);
    if (watermark == null) {
      throw new DayNotCompleteException(
          "cannot bill "
              + what
              + ": the metering stream has not recorded how far its aggregates are complete"
              + " (metering_watermark is empty); use --force to bill anyway");
    }
    if (watermark.toInstant().isBefore(needed)) {
      throw new DayNotCompleteException(
          "cannot bill "
              + what
              + ": traffic aggregates are complete until "
              + watermark.toInstant()
              + ", billing needs "
              + needed
              + " ("
              + neededName
              + "); use --force to bill anyway");
    }
  }

  /** The day's traffic is not complete yet; the message says until when it is. */
  public static final class DayNotCompleteException extends RuntimeException {
    DayNotCompleteException(String message) {
      super(message);
    }
  }
}
