package io.peerbill.billing;

import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** Prices a daily peak (D5, D6, D7). Pure: BigDecimal in, BigDecimal out. */
public final class DailyPeakPricer {

  private static final BigDecimal BITS_PER_BYTE = BigDecimal.valueOf(8);
  private static final BigDecimal BUCKET_SECONDS = BigDecimal.valueOf(300);
  private static final BigDecimal BPS_PER_MBPS = BigDecimal.valueOf(1_000_000);

  private DailyPeakPricer() {}

  /**
   * The bandwidth of a 5-minute bucket in Mbps: bytes × 8 / 300 / 10^6 (D5). Kept to 34 digits: the
   * quotient's only non-terminating part is a third (repeating 3s or 6s), so rounding it to 2
   * decimals later gives the same result as rounding the exact value.
   */
  public static BigDecimal bucketMbps(long bytes) {
    return BigDecimal.valueOf(bytes)
        .multiply(BITS_PER_BYTE)
        .divide(BUCKET_SECONDS.multiply(BPS_PER_MBPS), MathContext.DECIMAL128);
  }

  /**
   * Billed Mbps = min(peak, highest cap in force that day), rounded half-up to 2 decimals (D6). A
   * null cap (same-region connections have none) leaves the peak as it is.
   */
  public static BigDecimal billedMbps(BigDecimal peakMbps, BigDecimal capMbps) {
    BigDecimal billed = capMbps == null || peakMbps.compareTo(capMbps) <= 0 ? peakMbps : capMbps;
    return billed.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * The day's amount for the billed Mbps under the given tiers, rounded half-up to 0.01 (D6, D7).
   *
   * @throws NoTierException when no tier covers the billed Mbps (a catalog with a gap)
   */
  public static BigDecimal amount(BigDecimal billedMbps, TierModel model, List<TariffTier> tiers) {
    return exactAmount(billedMbps, model, tiers).setScale(2, RoundingMode.HALF_UP);
  }

  /** The amount before rounding (a monthly amount is prorated first, then rounded once, D13). */
  public static BigDecimal exactAmount(
      BigDecimal billedMbps, TierModel model, List<TariffTier> tiers) {
    return switch (model) {
      case VOLUME -> volume(billedMbps, tiers);
      case GRADUATED -> graduated(billedMbps, tiers);
    };
  }

  private static BigDecimal volume(BigDecimal billedMbps, List<TariffTier> tiers) {
    return tiers.stream()
        .filter(tier -> tier.contains(billedMbps))
        .findFirst()
        .map(tier -> billedMbps.multiply(tier.unitPrice()))
        .orElseThrow(() -> new NoTierException(billedMbps));
  }

  private static BigDecimal graduated(BigDecimal billedMbps, List<TariffTier> tiers) {
    if (tiers.stream().noneMatch(tier -> tier.contains(billedMbps))) {
      throw new NoTierException(billedMbps);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (TariffTier tier : tiers) {
      if (billedMbps.compareTo(tier.fromMbps()) <= 0) {
        continue;
      }
      BigDecimal top =
          tier.toMbps() == null || billedMbps.compareTo(tier.toMbps()) < 0
              ? billedMbps
              : tier.toMbps();
      total = total.add(top.subtract(tier.fromMbps()).multiply(tier.unitPrice()));
    }
    return total;
  }

  /** No tier of the tariff covers the billed bandwidth. */
  public static final class NoTierException extends RuntimeException {
    NoTierException(BigDecimal billedMbps) {
      super("no tier covers " + billedMbps.toPlainString() + " Mbps");
    }
  }
}
