package io.peerbill.billing.run;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static org.jooq.impl.DSL.min;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Refuses to bill a day whose aggregates may still change: the metering stream records in {@code
 * metering_watermark} up to when its 5-minute aggregates are final; day D is billable once that
 * reaches the end of D plus the allowed lateness. With several streams the slowest counts.
 */
@Component
public class CompletenessGuard {

  private final DSLContext dsl;
  private final BillingProperties properties;

  public CompletenessGuard(DSLContext dsl, BillingProperties properties) {
    this.dsl = dsl;
    this.properties = properties;
  }

  /**
   * @throws DayNotCompleteException when the day is not yet covered
   */
  public void check(BillingDay day) {
    Instant needed = day.end().plus(properties.allowedLateness());
    OffsetDateTime watermark =
        dsl.select(min(METERING_WATERMARK.COMPLETE_UNTIL))
            .from(METERING_WATERMARK)
            .fetchOne(0, OffsetDateTime.class);
    if (watermark == null) {
      throw new DayNotCompleteException(
          "cannot bill "
              + day
              + ": the metering stream has not recorded how far its aggregates are complete"
              + " (metering_watermark is empty); use --force to bill anyway");
    }
    if (watermark.toInstant().isBefore(needed)) {
      throw new DayNotCompleteException(
          "cannot bill "
              + day
              + ": traffic aggregates are complete until "
              + watermark.toInstant()
              + ", billing needs "
              + needed
              + " (end of day + allowed lateness "
              + properties.allowedLateness()
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
