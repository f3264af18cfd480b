package io.peerbill.billing.run;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code bill serve}: the application with the {@code service} profile, whose nightly run bills the
 * previous day of the billing zone. The run is invoked as the scheduler invokes it, at a chosen
 * instant of a hand-set clock; the cron itself only fires on 29 February, never during the test.
 */
@ActiveProfiles("service")
@TestPropertySource(properties = "peerbill.billing.schedule=" + NightlyScheduleTest.CRON)
@Import(NightlyScheduleTest.HandSetClock.class)
class NightlyScheduleTest extends BillingTestBase {

  static final String CRON = "0 30 2 29 2 *";
  static final MutableClock CLOCK = new MutableClock(Instant.EPOCH);

  /** 02:30 on 2026-11-26 in Shanghai, when the nightly run fires; in UTC still 2026-11-25. */
  static final Instant NIGHTLY_RUN = Instant.parse("2026-11-25T18:30:00Z");

  @TestConfiguration(proxyBeanMethods = false)
  static class HandSetClock {
    @Bean
    @Primary
    MutableClock handSetClock() {
      return CLOCK;
    }
  }

  @Autowired NightlySchedule schedule;
  @Autowired List<ScheduledTaskHolder> schedulers;
  @Autowired StatementRepository statements;
  @Autowired DayExecutions executions;

  private String connection;

  @BeforeEach
  void oneConnectionWithTrafficOnBothSidesOfMidnight() {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    // Active from the day's start: the days before it, which a tick also looks back at, have no
    // line.
    connection = fixture.crossRegion(1000, DAY_START);
    // 01:00 on the 25th in Shanghai, though the 24th in UTC: billed on the 25th.
    fixture.bucket(connection, DAY_START.plus(Duration.ofHours(1)), bytesFor(912), 0);
    // 00:00 on the 26th in Shanghai: the next billing day, not yet billed.
    fixture.bucket(connection, DAY_END, bytesFor(3000), 0);
    CLOCK.set(NIGHTLY_RUN);
  }

  @Test
  void nightlyRunBillsThePreviousDayOfTheBillingZone_D5() {
    fixture.watermark(DAY_END.plus(Duration.ofHours(1)));

    schedule.catchUp();

    List<BillLine> billed = lines.linesOf(DAY, null);
    assertThat(billed).extracting(BillLine::connectionId).containsExactly(connection);
    BillLine line = billed.get(0);
    assertThat(line.zone()).isEqualTo("Asia/Shanghai");
    assertThat(line.peakMbps()).isEqualByComparingTo("912");
    assertThat(line.amount()).isEqualByComparingTo("1368.00");
    assertThat(statements.statementsOf(DAY, null))
        .extracting(s -> s.total().toPlainString())
        .containsExactly("1368.00");
    assertThat(lines.linesOf(DAY.minusDays(1), null)).isEmpty();
    assertThat(lines.linesOf(DAY.plusDays(1), null)).isEmpty();
  }

  @Test
  void dayNotYetCoveredByTheStreamIsLeftForLater() {
    fixture.watermark(DAY_END.minus(Duration.ofMinutes(30))); // final through, net of lateness

    schedule.catchUp();

    assertThat(lines.linesOf(DAY, null)).isEmpty();
    assertThat(statements.statementsOf(DAY, null)).extracting(Statement::total).isEmpty();
  }

  @Test
  void aDaySkippedAsIncompleteIsBilledOnALaterTickOnceCompleteBeforeTheNextDay() {
    fixture.watermark(DAY_END.minus(Duration.ofMinutes(30)));
    schedule.catchUp();
    assertThat(lines.linesOf(DAY, null)).isEmpty();

    // The next night: the stream has caught up with both days since.
    CLOCK.set(NIGHTLY_RUN.plus(Duration.ofDays(1)));
    fixture.watermark(DAY_END.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    schedule.catchUp();

    assertThat(lines.linesOf(DAY, null))
        .extracting(l -> l.amount().toPlainString())
        .containsExactly("1368.00");
    // 3000 Mbps at 00:00 on the 26th, capped at 1000: 1000 × 1.50.
    assertThat(lines.linesOf(DAY.plusDays(1), null))
        .extracting(l -> l.amount().toPlainString())
        .containsExactly("1500.00");
    assertThat(billedInOrder()).containsExactly(DAY.toString(), DAY.plusDays(1).toString());
    // Every day of the look-back up to yesterday has its run; none is billed twice.
    assertThat(executions.billed(new BillingDay(DAY.minusDays(5), properties.zone()))).isTrue();

    schedule.catchUp();
    assertThat(billedInOrder()).containsExactly(DAY.toString(), DAY.plusDays(1).toString());
  }

  /** The days that got a line, in the order their runs started. */
  private List<String> billedInOrder() {
    return dsl.fetch(
            "SELECT p.parameter_value FROM batch_job_execution e"
                + " JOIN batch_job_execution_params p USING (job_execution_id)"
                + " JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id"
                + " WHERE i.job_name = 'dailyPeakBilling' AND p.parameter_name = 'billDay'"
                + " AND p.parameter_value::date IN (SELECT bill_day FROM bill_line)"
                + " ORDER BY e.job_execution_id")
        .getValues(0, String.class);
  }

  @Test
  void theServiceSchedulesTheNightlyRunOnTheConfiguredCron() {
    assertThat(
            schedulers.stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .map(scheduled -> scheduled.getTask())
                .filter(CronTask.class::isInstance)
                .map(task -> ((CronTask) task).getExpression()))
        .containsExactly(CRON);
  }
}
