package io.peerbill.billing.month;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.run.DayFence;
import io.peerbill.billing.run.NightlySchedule;
import io.peerbill.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The service bills the month before by the month from the first of a month on (D13), once the
 * completeness guard lets it, and once; through the month's fence, as {@code bill --month} does.
 * Ticks are invoked by hand at instants of a hand-set clock.
 */
@ActiveProfiles("service")
@TestPropertySource(properties = "peerbill.billing.schedule=0 30 2 29 2 *")
@Import(MonthlyNightlyTest.HandSetClock.class)
class MonthlyNightlyTest extends BillingTestBase {

  static final BillingMonth NOVEMBER = new BillingMonth(YearMonth.of(2026, 11), SHANGHAI);
  static final MutableClock CLOCK = new MutableClock(Instant.EPOCH);

  @TestConfiguration(proxyBeanMethods = false)
  static class HandSetClock {
    @Bean
    @Primary
    MutableClock monthlyHandSetClock() {
      return CLOCK;
    }
  }

  @Autowired NightlySchedule schedule;
  @Autowired MonthLineRepository monthLines;
  @Autowired DayFence fence;

  @Test
  void firstOfTheMonthBillsTheMonthBeforeOnceItIsComplete_D13() {
    MonthFixture month = new MonthFixture(dsl);
    month.monthlyTariff(tariffs);
    month.partitions(NOVEMBER);
    String id = fixture.crossRegion(5000, NOVEMBER.start().minus(Duration.ofDays(3)));
    month.monthly(id, NOVEMBER);
    month.shuffled(id, NOVEMBER.start(), NOVEMBER.end(), 8640);
    CLOCK.set(LocalDateTime.of(2026, 12, 1, 2, 30).atZone(SHANGHAI).toInstant());

    fixture.watermark(NOVEMBER.end().minus(Duration.ofMinutes(5)));
    schedule.catchUp();
    assertThat(monthLines.of(NOVEMBER.month().atDay(1), null)).isEmpty();

    fixture.watermark(NOVEMBER.end().plus(Duration.ofMinutes(30)));
    schedule.catchUp();
    schedule.catchUp();

    assertThat(monthLines.of(NOVEMBER.month().atDay(1), null).get(id).amount())
        .isEqualByComparingTo("143640.00");
    assertThat(dsl.fetchCount(dsl.selectFrom("month_billing_run"))).isEqualTo(1);
  }

  @Test
  void firstOfTheMonthLeavesAMonthBeingBilledElsewhereToThatRunAndBillsItOnALaterTick_D13()
      throws Exception {
    MonthFixture month = new MonthFixture(dsl);
    month.monthlyTariff(tariffs);
    month.partitions(NOVEMBER);
    String id = fixture.crossRegion(5000, NOVEMBER.start().minus(Duration.ofDays(3)));
    month.monthly(id, NOVEMBER);
    month.shuffled(id, NOVEMBER.start(), NOVEMBER.end(), 8640);
    fixture.watermark(NOVEMBER.end().plus(Duration.ofMinutes(30)));
    CLOCK.set(LocalDateTime.of(2026, 12, 1, 2, 30).atZone(SHANGHAI).toInstant());

    // An operator's bill --month holds the month's fence: the tick bills nothing of it.
    try (DayFence.Held operator = fence.hold(NOVEMBER.month())) {
      schedule.catchUp();
      assertThat(monthLines.of(NOVEMBER.month().atDay(1), null)).isEmpty();
      assertThat(dsl.fetchCount(dsl.selectFrom("month_billing_run"))).isZero();
    }

    CLOCK.set(LocalDateTime.of(2026, 12, 2, 2, 30).atZone(SHANGHAI).toInstant());
    schedule.catchUp();
    assertThat(monthLines.of(NOVEMBER.month().atDay(1), null).get(id).amount())
        .isEqualByComparingTo("143640.00");
    assertThat(dsl.fetchCount(dsl.selectFrom("month_billing_run"))).isEqualTo(1);
  }
}
