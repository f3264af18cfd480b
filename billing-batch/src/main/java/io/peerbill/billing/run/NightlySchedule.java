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
 * The service: every night ({@code peerbill.billing.schedule}, a cron in the billing zone) it bills
 * the previous day. A day not yet covered by the stream is logged and left for the next run or an
 * operator; the completeness guard is never bypassed here.
 */
@Component
@Profile("service")
@EnableScheduling
public class NightlySchedule {

  private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

  private final BillingRun billingRun;
  private final BillingProperties properties;
  private final Clock clock;

  public NightlySchedule(BillingRun billingRun, BillingProperties properties, Clock clock) {
    this.billingRun = billingRun;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${peerbill.billing.schedule}", zone = "${peerbill.billing.zone}")
  public void billPreviousDay() {
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), properties.zone()).minusDays(1);
    BillingDay day = new BillingDay(yesterday, properties.zone());
    try {
      BillingReport report = billingRun.bill(day, false);
      report.describe().forEach(report.succeeded() ? log::info : log::warn);
    } catch (CompletenessGuard.DayNotCompleteException e) {
      log.warn(e.getMessage());
    } catch (Exception e) {
      log.error("billing {} failed", day, e);
    }
  }
}
