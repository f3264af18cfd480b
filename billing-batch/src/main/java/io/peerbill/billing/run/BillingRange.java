package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Bills the days of a range in order, each through {@link BillingRun}, the one way {@code bill
 * --from/--to} and the API's billing runs do it: a day whose billing FAILED stops the range, and so
 * does a day refused (its exception ends the call), because later days wait for it (a re-run of the
 * range resumes it). A day billed with lines that could not be priced does not stop the range: its
 * lines are listed and the days after it are billed.
 */
@Component
public class BillingRange {

  private final BillingRun billingRun;

  public BillingRange(BillingRun billingRun) {
    this.billingRun = billingRun;
  }

  /** Told of each day before it is billed and of its report after. */
  public interface Progress {
    /** {@code index} counts from 1 to {@code days}. */
    default void starting(BillingDay day, long index, long days) {}

    default void billed(BillingReport report) {}
  }

  /**
   * Bills {@code first} to {@code last} (inclusive) in {@code zone}; returns the reports of the
   * days billed, the last one the day that stopped the range if any.
   *
   * @throws Exception a day's refusal ({@code DayFence.DayBeingBilledException}, {@code
   *     CompletenessGuard.DayNotCompleteException}, {@code
   *     ZoneGuard.DayBilledInAnotherZoneException}) or failure, after {@code progress} was told of
   *     the days before it
   */
  public List<BillingReport> bill(
      LocalDate first,
      LocalDate last,
      ZoneId zone,
      boolean force,
      boolean rebillZone,
      Progress progress)
      throws Exception {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("the range ends (" + last + ") before it starts");
    }
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    List<BillingReport> reports = new ArrayList<>();
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
      BillingDay day = new BillingDay(date, zone);
      progress.starting(day, ChronoUnit.DAYS.between(first, date) + 1, days);
      BillingReport report = billingRun.bill(day, force, rebillZone);
      reports.add(report);
      progress.billed(report);
      if (stopsTheRange(report)) {
        break;
      }
    }
    return reports;
  }

  /** The day's billing itself FAILED (a re-run resumes it): the days after it wait. */
  public static boolean stopsTheRange(BillingReport report) {
    return "FAILED".equals(report.batchStatus());
  }
}
