package io.peerbill.billing.tariff;

import java.math.BigDecimal;

/**
 * One tier: Mbps in [fromMbps, toMbps) cost unitPrice per Mbps per day; toMbps null = no upper end.
 */
public record TariffTier(BigDecimal fromMbps, BigDecimal toMbps, BigDecimal unitPrice) {

  public boolean contains(BigDecimal mbps) {
    return mbps.compareTo(fromMbps) >= 0 && (toMbps == null || mbps.compareTo(toMbps) < 0);
  }
}
