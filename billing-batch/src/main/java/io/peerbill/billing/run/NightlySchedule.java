package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.month.MonthReport;
import io.peerbill.billing.month.MonthlyBillingRun;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The service: on each tick ({@code peerbill.billing.schedule}, a cron in the billing zone) it
 * bills, oldest first, every day of the last {@code catch-up-days} up to yesterday that has no
 * completed run in the billing zone, so a day skipped as incomplete (or whose run failed) is billed
 * on a later tick. It stops at the first day not yet complete: the days after it are not complete
 * either. Then the month before, by the month (D13), until a run of it completed. The completeness
 * guard is never bypassed here.
 */
@Component
@Profile("service")
@EnableScheduling
public class NightlySchedule {

  private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

  private final BillingRun billingRun;
  private final MonthlyBillingRun monthlyRun;
  private final DayExecutions executions;
  private final BillingProperties properties;
  private final Clock clock;

  public NightlySchedule(
      BillingRun billingRun,
      MonthlyBillingRun monthlyRun,
      DayExecutions executions,
      BillingProperties properties,
      Clock clock) {
    this.billingRun = billingRun;
    this.monthlyRun = monthlyRun;
    this.executions = executions;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${peerbill.billing.schedule}", zone = "${peerbill.billing.zone}")
  public void catchUp() {
    billDays();
    billLastMonth();
  }

  /**
   * From the first day of a month on, the month before is billed by the month (D13) once its
   * traffic is complete, through the same guard and fence; a later tick retries until it is.
   */
  private void billLastMonth() {
    YearMonth last = YearMonth.from(LocalDate.ofInstant(clock.instant(), properties.zone()));
    BillingMonth month = new BillingMonth(last.minusMonths(1), properties.zone());
    if (monthlyRun.billed(month)) {
      return;
    }
    try {
      MonthReport report = monthlyRun.bill(month, false);
      report.describe().forEach(report.succeeded() ? log::info : log::warn);
    } catch (CompletenessGuard.DayNotCompleteException | DayFence.DayBeingBilledException e) {
      log.warn(e.getMessage());
    } catch (Exception e) {
      log.error("billing {} failed", month, e);
    }
  }

  private void billDays() {
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), properties.zone()).minusDays(1);
    LocalDate first = yesterday.minusDays(properties.catchUpDays() - 1L);
    for (LocalDate date = first; !date.isAfter(yesterday); date = date.plusDays(1)) {
      BillingDay day = new BillingDay(date, properties.zone());
      if (!executions.billed(day) && !bill(day)) {
        return;
      }
    }
  }

  /** Bills a day; false when the days after it must wait. */
  private boolean bill(BillingDay day) {
    try {
      BillingReport report = billingRun.bill(day, false);
      report.describe().forEach(report.succeeded() ? log::info : log::warn);
      return !"FAILED".equals(report.batchStatus());
    } catch (CompletenessGuard.DayNotCompleteException e) {
      log.warn(e.getMessage());
      return false;
    } catch (DayFence.DayBeingBilledException | ZoneGuard.DayBilledInAnotherZoneException e) {
      // An operator's run, or an operator's decision: this day is theirs, the next ones are not.
      log.warn(e.getMessage());
      return true;
    } catch (Exception e) {
      log.error("billing {} failed", day, e);
      return false;
    }
  }
}
