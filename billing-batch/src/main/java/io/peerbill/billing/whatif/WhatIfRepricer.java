package io.peerbill.billing.whatif;

import io.peerbill.billing.DailyPeakPricer;
import io.peerbill.billing.DailyPeakPricer.NoTierException;
import io.peerbill.billing.MonthlyPercentilePricer;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthLineRepository;
import io.peerbill.billing.month.MonthLineStatus;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.peering.ChargeMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Re-rates stored lines under another tariff catalog (D14) and stores nothing: each day's lines of
 * [from, to] and each month line whose month lies wholly inside it, priced by the pricers a real
 * run uses (D6, D7, D13) from the line's billed bandwidth. Lines that a run marks FREE, NO_TRAFFIC
 * or REMOVED cost nothing under any catalog; one the other catalog cannot price costs nothing there
 * either and is marked FAILED, as a real run would mark it.
 */
@Component
public class WhatIfRepricer {

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final BillLineRepository dayLines;
  private final MonthLineRepository monthLines;

  public WhatIfRepricer(BillLineRepository dayLines, MonthLineRepository monthLines) {
    this.dayLines = dayLines;
    this.monthLines = monthLines;
  }

  /** Hands each repriced line to {@code sink}, day by day, then month by month. */
  public void reprice(
      TariffCatalog catalog,
      LocalDate from,
      LocalDate to,
      String account,
      Consumer<RepricedLine> sink) {
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      var tariffs = catalog.inForceOn(day, ChargeMode.DAILY_PEAK);
      for (BillLine line : dayLines.linesOf(day, account)) {
        sink.accept(day(line, tariffs.get(line.pairClass())));
      }
    }
    LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate lastMonth = to.plusDays(1).withDayOfMonth(1).minusMonths(1);
    if (!lastMonth.isBefore(firstMonth)) {
      for (MonthLine line : monthLines.between(firstMonth, lastMonth, account)) {
        var tariffs = catalog.inForceOn(line.billMonth(), ChargeMode.MONTHLY_95TH);
        sink.accept(month(line, tariffs.get(line.pairClass())));
      }
    }
  }

  private static RepricedLine day(BillLine line, Tariff tariff) {
    String period = line.billDay().toString();
    boolean priced = line.status() == LineStatus.BILLED || line.status() == LineStatus.FAILED;
    if (!priced || line.peakMbps() == null) {
      return repriced(line.payerAccountId(), line.connectionId(), period, line, null, ZERO);
    }
    if (tariff == null) {
      return failed(line.payerAccountId(), line.connectionId(), period, line.currency(), line);
    }
    // A BILLED line keeps the bandwidth its run billed; a FAILED one never got that far.
    BigDecimal billed =
        line.status() == LineStatus.BILLED
            ? line.billedMbps()
            : DailyPeakPricer.billedMbps(line.peakMbps(), cap(line.capMbps()));
    try {
      BigDecimal amount = DailyPeakPricer.amount(billed, tariff.tierModel(), tariff.tiers());
      return repriced(line.payerAccountId(), line.connectionId(), period, line, tariff, amount);
    } catch (NoTierException e) {
      return failed(line.payerAccountId(), line.connectionId(), period, tariff.currency(), line);
    }
  }

  private static RepricedLine month(MonthLine line, Tariff tariff) {
    String period = line.billMonth().toString().substring(0, 7);
    boolean priced =
        line.status() == MonthLineStatus.BILLED || line.status() == MonthLineStatus.FAILED;
    if (!priced || line.p95Mbps() == null) {
      return monthLine(line, period, line.currency(), ZERO, line.status().name());
    }
    if (tariff == null) {
      return monthLine(line, period, line.currency(), ZERO, "FAILED");
    }
    BigDecimal billed =
        line.status() == MonthLineStatus.BILLED
            ? line.billedMbps()
            : DailyPeakPricer.billedMbps(line.p95Mbps(), cap(line.capMbps()));
    try {
      BigDecimal amount =
          MonthlyPercentilePricer.amount(
              billed, tariff.tierModel(), tariff.tiers(), line.activeDays(), line.daysInMonth());
      return monthLine(line, period, tariff.currency(), amount, "BILLED");
    } catch (NoTierException e) {
      return monthLine(line, period, tariff.currency(), ZERO, "FAILED");
    }
  }

  private static RepricedLine monthLine(
      MonthLine line, String period, String currency, BigDecimal whatIf, String status) {
    return new RepricedLine(
        line.payerAccountId(),
        line.connectionId(),
        period,
        currency,
        line.amount(),
        whatIf,
        status);
  }

  private static RepricedLine repriced(
      String account, String connection, String period, BillLine line, Tariff t, BigDecimal a) {
    return new RepricedLine(
        account,
        connection,
        period,
        t == null ? line.currency() : t.currency(),
        line.amount(),
        a,
        t == null ? line.status().name() : LineStatus.BILLED.name());
  }

  private static RepricedLine failed(
      String account, String connection, String period, String currency, BillLine line) {
    return new RepricedLine(
        account, connection, period, currency, line.amount(), ZERO, LineStatus.FAILED.name());
  }

  private static BigDecimal cap(Integer capMbps) {
    return capMbps == null ? null : BigDecimal.valueOf(capMbps);
  }

  /** Collects every repriced line (for tests and small ranges). */
  public List<RepricedLine> reprice(
      TariffCatalog catalog, LocalDate from, LocalDate to, String account) {
    List<RepricedLine> all = new ArrayList<>();
    reprice(catalog, from, to, account, all::add);
    return all;
  }
}
