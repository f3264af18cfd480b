package io.peerbill.billing.whatif;

import java.math.BigDecimal;

/**
 * One stored line (a day's or a month's) under the current and the other catalog: {@code period} is
 * its day (2026-11-25) or month (2026-11); {@code whatIfStatus} is what a run with the other
 * catalog would mark it (FAILED when it prices nothing).
 */
public record RepricedLine(
    String accountId,
    String connectionId,
    String period,
    String currency,
    BigDecimal current,
    BigDecimal whatIf,
    String whatIfStatus) {

  public BigDecimal difference() {
    return whatIf.subtract(current);
  }
}
