package io.peerbill.billing.month;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.peering.ChargeMode;
import io.peerbill.peering.ChargeModeChange;
import io.peerbill.peering.ChargeModes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** D13: a charge mode chosen later takes effect on the first day of the next calendar month. */
class ChargeModeChangeTest extends BillingTestBase {

  static final BillingMonth NOVEMBER = new BillingMonth(YearMonth.of(2026, 11), SHANGHAI);
  static final BillingMonth DECEMBER = new BillingMonth(YearMonth.of(2026, 12), SHANGHAI);
  static final LocalDate NOVEMBER_30 = LocalDate.of(2026, 11, 30);
  static final LocalDate DECEMBER_1 = LocalDate.of(2026, 12, 1);

  @Autowired MonthlyBillingRun monthlyRun;
  @Autowired MonthLineRepository monthLines;

  @Test
  void modeChangeTakesEffectOnTheFirstOfTheNextMonth_D13() throws Exception {
    MonthFixture month = new MonthFixture(dsl);
    month.monthlyTariff(tariffs);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    month.partitions(NOVEMBER);
    month.partitions(DECEMBER);
    String id = fixture.crossRegion(5000, NOVEMBER.start().minus(Duration.ofDays(20)));
    for (LocalDate day : new LocalDate[] {NOVEMBER_30, DECEMBER_1}) {
      month.shuffled(
          id,
          day.atStartOfDay(SHANGHAI).toInstant(),
          day.plusDays(1).atStartOfDay(SHANGHAI).toInstant(),
          288);
    }
    Clock november17 =
        Clock.fixed(
            LocalDateTime.of(2026, 11, 17, 10, 0).atZone(SHANGHAI).toInstant(), ZoneOffset.UTC);

    ChargeModeChange change =
        new ChargeModes(dsl, november17)
            .set(BillingFixture.REQUESTER, id, ChargeMode.MONTHLY_95TH, SHANGHAI);

    assertThat(change.effectiveMonth()).isEqualTo(DECEMBER_1);
    assertThat(change.effectiveFrom()).isEqualTo(DECEMBER.start());
    bill(NOVEMBER_30, SHANGHAI);
    bill(DECEMBER_1, SHANGHAI);
    // 30 November is still by its daily peak (the highest of 0.5 .. 144 Mbps); 1 December is not.
    assertThat(line(id, NOVEMBER_30).peakMbps()).isEqualByComparingTo("144");
    assertThat(lines.linesOf(DECEMBER_1, null)).noneMatch(l -> l.connectionId().equals(id));
    fixture.watermark(DECEMBER.end());
    monthlyRun.bill(NOVEMBER, false);
    monthlyRun.bill(DECEMBER, false);
    assertThat(monthLines.of(NOVEMBER.month().atDay(1), null)).doesNotContainKey(id);
    MonthLine december = monthLines.of(DECEMBER.month().atDay(1), null).get(id);
    assertThat(december.points()).isEqualTo(288);
    assertThat(december.p95Mbps()).isEqualByComparingTo("137"); // (288 - 14) / 2
    assertThat(december.activeDaysOfMonth()).isEqualTo("31/31");
    assertThat(december.amount()).isEqualByComparingTo("5480.00"); // 137.00 x 40.00 x 31/31
  }
}
