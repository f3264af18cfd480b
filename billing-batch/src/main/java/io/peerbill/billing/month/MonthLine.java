package io.peerbill.billing.month;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One MONTHLY_95TH connection's charge for one calendar month (D13); {@code billMonth} is its first
 * day. Points: buckets with data inside ACTIVE time; the top {@code pointsDropped} are not billed,
 * the one at {@code billedPointAt} is.
 */
public record MonthLine(
    String connectionId,
    LocalDate billMonth,
    String zone,
    String payerAccountId,
    String pairClass,
    MonthLineStatus status,
    BigDecimal p95Mbps,
    Integer capMbps,
    BigDecimal billedMbps,
    Long tariffId,
    BigDecimal amount,
    String currency,
    int points,
    int pointsDropped,
    Instant billedPointAt,
    int activeDays,
    int daysInMonth,
    String failureReason) {

  /** What differs from an earlier value of the same line; empty when nothing does. */
  public List<String> changesSince(MonthLine before) {
    List<String> changes = new ArrayList<>();
    compare(changes, "zone", before.zone, zone);
    compare(changes, "status", before.status, status);
    compare(changes, "payer", before.payerAccountId, payerAccountId);
    compare(changes, "95th Mbps", plain(before.p95Mbps), plain(p95Mbps));
    compare(changes, "cap Mbps", before.capMbps, capMbps);
    compare(changes, "billed Mbps", plain(before.billedMbps), plain(billedMbps));
    compare(changes, "tariff", before.tariffId, tariffId);
    compare(changes, "amount", plain(before.amount), plain(amount));
    compare(changes, "currency", before.currency, currency);
    compare(changes, "points", before.points, points);
    compare(changes, "billed point", before.billedPointAt, billedPointAt);
    compare(changes, "active days", before.activeDays, activeDays);
    compare(changes, "failure", before.failureReason, failureReason);
    return changes;
  }

  /** Active days of days in the month, e.g. "10/30". */
  public String activeDaysOfMonth() {
    return activeDays + "/" + daysInMonth;
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros().toPlainString();
  }

  private static void compare(List<String> changes, String what, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changes.add(what + " " + before + " -> " + after);
    }
  }
}
