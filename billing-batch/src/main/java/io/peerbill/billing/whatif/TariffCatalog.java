package io.peerbill.billing.whatif;

import io.peerbill.billing.tariff.Tariff;
import io.peerbill.peering.ChargeMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tariff catalog held in memory (a what-if file, never stored): per region-pair class and charge
 * mode, the tariff in force on a day is the latest effective by then, as {@code
 * TariffRepository.inForceOn} reads it from the database.
 */
public final class TariffCatalog {

  private final List<Tariff> tariffs;

  public TariffCatalog(List<Tariff> tariffs) {
    this.tariffs = tariffs.stream().sorted(Comparator.comparing(Tariff::effectiveFrom)).toList();
  }

  public Map<String, Tariff> inForceOn(LocalDate day, ChargeMode mode) {
    Map<String, Tariff> byClass = new LinkedHashMap<>();
    for (Tariff t : tariffs) {
      if (t.chargeMode() == mode && !t.effectiveFrom().isAfter(day)) {
        byClass.put(t.pairClass(), t);
      }
    }
    return byClass;
  }
}
