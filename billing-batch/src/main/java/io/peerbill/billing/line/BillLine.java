package io.peerbill.billing.line;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One connection's charge for one billing day (R11, D5-D9). */
public record BillLine(
    String connectionId,
    LocalDate billDay,
    String zone,
    String payerAccountId,
    String pairClass,
    LineStatus status,
    BigDecimal peakMbps,
    Integer capMbps,
    BigDecimal billedMbps,
    Long tariffId,
    BigDecimal amount,
    String currency,
    int bucketsWithData,
    int bucketsActive,
    String failureReason) {

  /**
   * What differs from an earlier value of the same line, e.g. "amount 1350.00 -> 1368.00"; empty
   * when nothing that is charged or shown changed.
   */
  public List<String> changesSince(BillLine before) {
    List<String> changes = new ArrayList<>();
    compare(changes, "zone", before.zone, zone);
    compare(changes, "status", before.status, status);
    compare(changes, "payer", before.payerAccountId, payerAccountId);
    compareNumbers(changes, "peak Mbps", before.peakMbps, peakMbps);
    compare(changes, "cap Mbps", before.capMbps, capMbps);
    compareNumbers(changes, "billed Mbps", before.billedMbps, billedMbps);
    compare(changes, "tariff", before.tariffId, tariffId);
    compareNumbers(changes, "amount", before.amount, amount);
    compare(changes, "currency", before.currency, currency);
    compare(changes, "buckets with data", before.bucketsWithData, bucketsWithData);
    compare(changes, "buckets active", before.bucketsActive, bucketsActive);
    compare(changes, "failure", before.failureReason, failureReason);
    return changes;
  }

  private static void compare(List<String> changes, String what, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changes.add(what + " " + before + " -> " + after);
    }
  }

  private static void compareNumbers(
      List<String> changes, String what, BigDecimal before, BigDecimal after) {
    boolean same = before == null ? after == null : after != null && before.compareTo(after) == 0;
    if (!same) {
      changes.add(
          what
              + " "
              + (before == null ? null : before.toPlainString())
              + " -> "
              + (after == null ? null : after.toPlainString()));
    }
  }

  /** Buckets with data / buckets in the active time, e.g. "288/288". */
  public String coverage() {
    return bucketsWithData + "/" + bucketsActive;
  }
}
