package io.peerbill.billing.run;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import java.time.Clock;
import java.time.LocalDate;
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
 * either. The completeness guard is never bypassed here.
 */
@Component
@Profile("service")
@EnableScheduling
public class NightlySchedule {

  private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

  private final BillingRun billingRun;
  private final DayExecutions executions;
  private final BillingProperties properties;
  private final Clock clock;

  public NightlySchedule(
      BillingRun billingRun, DayExecutions executions, BillingProperties properties, Clock clock) {
    this.billingRun = billingRun;
    this.executions = executions;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${peerbill.billing.schedule}", zone = "${peerbill.billing.zone}")
  public void catchUp() {
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
