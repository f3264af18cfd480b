package io.peerbill.billing.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The lines a day's and a month's run report share: line counts by status and totals. */
public final class ReportLines {

  private ReportLines() {}

  /** "{@code label}: 3 BILLED, 1 FREE" ({@code none} when there are none), a total per currency. */
  public static void addSummary(
      List<String> out,
      String label,
      String none,
      Map<? extends Enum<?>, Integer> linesByStatus,
      Map<String, BigDecimal> totalByCurrency) {
    out.add(
        label
            + ": "
            + (linesByStatus.isEmpty()
                ? none
                : String.join(
                    ", ",
                    linesByStatus.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .toList())));
    totalByCurrency.forEach(
        (currency, total) -> out.add("total " + currency + ": " + total.toPlainString()));
  }
}
