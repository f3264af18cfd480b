package io.peerbill.billing.tariff;

import io.peerbill.peering.ChargeMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The price of one region-pair class in one charge mode from a billing day on (D7, D13); tiers
 * ordered by fromMbps, starting at 0, contiguous, the last one open. Unit prices are per Mbps per
 * day (DAILY_PEAK) or per month (MONTHLY_95TH). {@code id} is null before it is stored.
 */
public record Tariff(
    Long id,
    String pairClass,
    LocalDate effectiveFrom,
    TierModel tierModel,
    String currency,
    List<TariffTier> tiers,
    ChargeMode chargeMode) {

  public Tariff {
    tiers = List.copyOf(tiers);
    chargeMode = chargeMode == null ? ChargeMode.DAILY_PEAK : chargeMode;
  }

  /** A DAILY_PEAK tariff. */
  public Tariff(
      Long id,
      String pairClass,
      LocalDate effectiveFrom,
      TierModel tierModel,
      String currency,
      List<TariffTier> tiers) {
    this(id, pairClass, effectiveFrom, tierModel, currency, tiers, ChargeMode.DAILY_PEAK);
  }

  /** The class of a region pair: its two geo zones in alphabetical order, joined by ':'. */
  public static String pairClass(String zoneA, String zoneB) {
    return zoneA.compareTo(zoneB) <= 0 ? zoneA + ":" + zoneB : zoneB + ":" + zoneA;
  }
}
