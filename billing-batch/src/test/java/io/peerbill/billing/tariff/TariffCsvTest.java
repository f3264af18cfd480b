package io.peerbill.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.peering.ChargeMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TariffCsvTest {

  @Test
  void rowsOfOneClassAndDayFormOneTariff_D7() {
    List<Tariff> tariffs =
        TariffCsv.parse(
            List.of(
                TariffCsv.HEADER,
                "overseas:cn-mainland,2026-01-01,volume,CNY,0,500,1.54",
                "overseas:cn-mainland,2026-01-01,VOLUME,CNY,500,,1.50",
                "cn-mainland:cn-mainland,2026-01-01,GRADUATED,CNY,0,,0.80"));
    assertThat(tariffs).hasSize(2);
    Tariff first = tariffs.get(0);
    assertThat(first.pairClass()).isEqualTo("cn-mainland:overseas");
    assertThat(first.effectiveFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(first.tierModel()).isEqualTo(TierModel.VOLUME);
    assertThat(first.tiers())
        .extracting(TariffTier::unitPrice)
        .containsExactly(new BigDecimal("1.54"), new BigDecimal("1.50"));
    assertThat(tariffs.get(1).tierModel()).isEqualTo(TierModel.GRADUATED);
  }

  @Test
  void chargeModeColumnIsOptionalAndDailyPeakByDefault_D13() {
    List<Tariff> tariffs =
        TariffCsv.parse(
            List.of(
                TariffCsv.HEADER_WITH_MODE,
                "cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,,1.54,",
                "cn-mainland:overseas,2026-01-01,VOLUME,CNY,0,,40.00,monthly_95th"));
    assertThat(tariffs)
        .extracting(Tariff::chargeMode)
        .containsExactly(ChargeMode.DAILY_PEAK, ChargeMode.MONTHLY_95TH);
    assertThat(TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-01-01,VOLUME,CNY,0,,1")))
        .extracting(Tariff::chargeMode)
        .containsExactly(ChargeMode.DAILY_PEAK);
    assertThatThrownBy(
            () ->
                TariffCsv.parse(
                    List.of(TariffCsv.HEADER_WITH_MODE, "a:b,2026-01-01,VOLUME,CNY,0,,1,HOURLY")))
        .hasMessage("line 2: charge_mode must be DAILY_PEAK or MONTHLY_95TH, got 'HOURLY'");
    assertThatThrownBy(
            () ->
                TariffCsv.parse(
                    List.of(TariffCsv.HEADER_WITH_MODE, "a:b,2026-01-01,VOLUME,CNY,0,,1")))
        .hasMessage("line 2: expected 8 fields, got 7");
  }

  @Test
  void badFilesAreRefusedWithTheLine() {
    assertThatThrownBy(() -> TariffCsv.parse(List.of("a,b")))
        .hasMessageStartingWith("line 1: expected the header");
    assertThatThrownBy(
            () ->
                TariffCsv.parse(
                    List.of(
                        TariffCsv.HEADER,
                        "a:b,2026-01-01,VOLUME,CNY,0,100,1",
                        "a:b,2026-01-01,VOLUME,CNY,200,,1")))
        .hasMessage("line 3: tier must start at 100 Mbps (no gaps)");
    assertThatThrownBy(
            () -> TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-01-01,VOLUME,CNY,0,100,1")))
        .hasMessage("line 2: the last tier must be open (empty to_mbps)");
    assertThatThrownBy(
            () -> TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-13-01,VOLUME,CNY,0,,1")))
        .hasMessageStartingWith("line 2: ");
    assertThatThrownBy(
            () -> TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-01-01,FLAT,CNY,0,,1")))
        .hasMessage("line 2: tier_model must be VOLUME or GRADUATED, got 'FLAT'");
    assertThatThrownBy(
            () -> TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-01-01,VOLUME,cny,0,,1")))
        .hasMessage("line 2: bad currency 'cny'");
  }

  /** Found by TariffCsvFuzzTest: such values were rounded by the column or ran out of heap. */
  @Test
  void numbersTheColumnsCannotHoldExactlyAreRefusedNotRounded_D6() {
    assertThatThrownBy(
            () ->
                TariffCsv.parse(
                    List.of(TariffCsv.HEADER, "a:b,2026-01-01,VOLUME,CNY,0,,1.1234567")))
        .hasMessage(
            "line 2: unit_price must have at most 8 digits before the point and 6 after it, got"
                + " 1.1234567");
    assertThatThrownBy(
            () ->
                TariffCsv.parse(
                    List.of(
                        TariffCsv.HEADER,
                        "a:b,2026-01-01,VOLUME,CNY,0,1e999999999,1",
                        "a:b,2026-01-01,VOLUME,CNY,1e999999999,,1")))
        .hasMessageStartingWith("line 2: to_mbps must have at most 10 digits before the point");
    assertThatThrownBy(
            () -> TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,+99999-01-01,VOLUME,CNY,0,,1")))
        .hasMessageStartingWith("line 2: effective_from must lie in the years 1900-9999");
    assertThat(
            TariffCsv.parse(List.of(TariffCsv.HEADER, "a:b,2026-01-01,VOLUME,CNY,0,,1.500000"))
                .get(0)
                .tiers()
                .get(0)
                .unitPrice())
        .isEqualByComparingTo("1.5");
  }
}
