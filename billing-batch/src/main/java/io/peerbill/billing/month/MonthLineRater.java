package io.peerbill.billing.month;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.BillingProperties.Payer;
import io.peerbill.billing.DailyPeakPricer;
import io.peerbill.billing.DailyPeakPricer.NoTierException;
import io.peerbill.billing.MonthlyPercentilePricer;
import io.peerbill.billing.tariff.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Rates one connection's month into its month line (D13): capped, rounded, priced, prorated. */
public final class MonthLineRater {

  private static final BigDecimal ZERO = new BigDecimal("0.00");
  private static final String SAME_REGION =
      "same-region connections are free (R11) and are not billed by the month";

  private final BillingMonth month;
  private final Map<String, Tariff> tariffsByClass;
  private final Payer payer;
  private final String defaultCurrency;

  /** {@code tariffsByClass}: the MONTHLY_95TH tariffs in force on the month's first day. */
  public MonthLineRater(
      BillingMonth month, Map<String, Tariff> tariffsByClass, BillingProperties properties) {
    this.month = month;
    this.tariffsByClass = Map.copyOf(tariffsByClass);
    this.payer = properties.payer();
    this.defaultCurrency = properties.currency();
  }

  public MonthLine rate(MonthlyPercentile p) {
    String pairClass = Tariff.pairClass(p.requesterGeoZone(), p.accepterGeoZone());
    Tariff tariff = tariffsByClass.get(pairClass);
    BigDecimal p95 = p.p95Bytes() == null ? null : DailyPeakPricer.bucketMbps(p.p95Bytes());
    if (!p.crossRegion()) {
      return line(p, pairClass, MonthLineStatus.FAILED, p95, ZERO, null, ZERO, SAME_REGION);
    }
    if (p95 == null) {
      return line(p, pairClass, MonthLineStatus.NO_TRAFFIC, null, ZERO, tariff, ZERO, null);
    }
    if (tariff == null) {
      String why =
          "no MONTHLY_95TH tariff in force for region pair class "
              + pairClass
              + " on "
              + month.month().atDay(1);
      return line(p, pairClass, MonthLineStatus.FAILED, p95, ZERO, null, ZERO, why);
    }
    BigDecimal cap = p.capMbps() == null ? null : BigDecimal.valueOf(p.capMbps());
    BigDecimal billed = DailyPeakPricer.billedMbps(p95, cap);
    try {
      BigDecimal amount =
          MonthlyPercentilePricer.amount(
              billed, tariff.tierModel(), tariff.tiers(), p.activeDays(), month.days());
      return line(p, pairClass, MonthLineStatus.BILLED, p95, billed, tariff, amount, null);
    } catch (NoTierException e) {
      String why = "tariff " + tariff.id() + " of " + pairClass + ": " + e.getMessage();
      return line(p, pairClass, MonthLineStatus.FAILED, p95, billed, tariff, ZERO, why);
    }
  }

  private MonthLine line(
      MonthlyPercentile p,
      String pairClass,
      MonthLineStatus status,
      BigDecimal p95Mbps,
      BigDecimal billedMbps,
      Tariff tariff,
      BigDecimal amount,
      String failureReason) {
    return new MonthLine(
        p.connectionId(),
        month.month().atDay(1),
        month.zone().getId(),
        payer == Payer.REQUESTER ? p.requesterAccountId() : p.accepterAccountId(),
        pairClass,
        status,
        p95Mbps == null ? null : p95Mbps.setScale(6, RoundingMode.HALF_UP),
        p.capMbps(),
        billedMbps,
        tariff == null ? null : tariff.id(),
        amount,
        tariff == null ? defaultCurrency : tariff.currency(),
        p.points(),
        p.pointsDropped(),
        p.p95At(),
        p.activeDays(),
        month.days(),
        failureReason);
  }
}
