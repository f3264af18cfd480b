package io.peerbill.billing.statement.html;

import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/** How a statement states the price that applied to a line's billed Mbps (D7). */
final class UnitPrice {

  private UnitPrice() {}

  static String of(Tariff tariff, BigDecimal billedMbps) {
    if (tariff == null) {
      return "";
    }
    if (tariff.tierModel() == TierModel.VOLUME) {
      return tariff.tiers().stream()
          .filter(tier -> tier.contains(billedMbps))
          .findFirst()
          .map(tier -> price(tier.unitPrice()))
          .orElse("no tier");
    }
    return "graduated: "
        + tariff.tiers().stream()
            .filter(tier -> billedMbps.compareTo(tier.fromMbps()) > 0)
            .map(UnitPrice::slice)
            .collect(Collectors.joining(", "));
  }

  private static String slice(TariffTier tier) {
    return (tier.toMbps() == null
            ? "above " + tier.fromMbps().stripTrailingZeros().toPlainString()
            : tier.fromMbps().stripTrailingZeros().toPlainString()
                + "–"
                + tier.toMbps().stripTrailingZeros().toPlainString())
        + " at "
        + price(tier.unitPrice());
  }

  /** A price with its significant decimals, at least two: 1.50, 1.345. */
  static String price(BigDecimal unitPrice) {
    BigDecimal stripped = unitPrice.stripTrailingZeros();
    return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
  }
}
