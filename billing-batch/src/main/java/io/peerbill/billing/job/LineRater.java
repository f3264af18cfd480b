package io.peerbill.billing.job;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.BillingProperties.Payer;
import io.peerbill.billing.DailyPeakPricer;
import io.peerbill.billing.DailyPeakPricer.NoTierException;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.tariff.Tariff;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Rates one connection's daily peak into its bill line (R11, D6-D9). */
public class LineRater implements ItemProcessor<DailyPeak, BillLine> {

  private static final BigDecimal ZERO_MBPS = new BigDecimal("0.00");
  private static final BigDecimal ZERO_AMOUNT = new BigDecimal("0.00");

  private final BillingDay day;
  private final Map<String, Tariff> tariffsByClass;
  private final Payer payer;
  private final String defaultCurrency;

  public LineRater(
      BillingDay day, Map<String, Tariff> tariffsByClass, BillingProperties properties) {
    this.day = day;
    this.tariffsByClass = Map.copyOf(tariffsByClass);
    this.payer = properties.payer();
    this.defaultCurrency = properties.currency();
  }

  @Override
  public BillLine process(DailyPeak peak) {
    String pairClass = Tariff.pairClass(peak.requesterGeoZone(), peak.accepterGeoZone());
    BigDecimal peakMbps =
        peak.peakBytes() == null ? null : DailyPeakPricer.bucketMbps(peak.peakBytes());
    Tariff tariff = tariffsByClass.get(pairClass);
    if (!peak.crossRegion()) {
      return line(peak, pairClass, LineStatus.FREE, peakMbps, ZERO_MBPS, null, ZERO_AMOUNT, null);
    }
    if (peakMbps == null) {
      return line(
          peak, pairClass, LineStatus.NO_TRAFFIC, null, ZERO_MBPS, tariff, ZERO_AMOUNT, null);
    }
    if (tariff == null) {
      return line(
          peak,
          pairClass,
          LineStatus.FAILED,
          peakMbps,
          ZERO_MBPS,
          null,
          ZERO_AMOUNT,
          "no tariff in force for region pair class " + pairClass + " on " + day.date());
    }
    BigDecimal cap = peak.capMbps() == null ? null : BigDecimal.valueOf(peak.capMbps());
    BigDecimal billed = DailyPeakPricer.billedMbps(peakMbps, cap);
    try {
      BigDecimal amount = DailyPeakPricer.amount(billed, tariff.tierModel(), tariff.tiers());
      return line(peak, pairClass, LineStatus.BILLED, peakMbps, billed, tariff, amount, null);
    } catch (NoTierException e) {
      return line(
          peak,
          pairClass,
          LineStatus.FAILED,
          peakMbps,
          billed,
          tariff,
          ZERO_AMOUNT,
          "tariff " + tariff.id() + " of " + pairClass + ": " + e.getMessage());
    }
  }

  private BillLine line(
      DailyPeak peak,
      String pairClass,
      LineStatus status,
      BigDecimal peakMbps,
      BigDecimal billedMbps,
      Tariff tariff,
      BigDecimal amount,
      String failureReason) {
    return new BillLine(
        peak.connectionId(),
        day.date(),
        day.zone().getId(),
        payer == Payer.REQUESTER ? peak.requesterAccountId() : peak.accepterAccountId(),
        pairClass,
        status,
        peakMbps == null ? null : peakMbps.setScale(6, java.math.RoundingMode.HALF_UP),
        peak.capMbps(),
        billedMbps,
        tariff == null ? null : tariff.id(),
        amount,
        tariff == null ? defaultCurrency : tariff.currency(),
        peak.bucketsWithData(),
        peak.bucketsActive(),
        failureReason);
  }
}
