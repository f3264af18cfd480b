package io.peerbill.api.bill;

import io.peerbill.api.bill.BillLineView.Revision;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.month.MonthLine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A month line (D13) as the paying account reads it: the month's 95th percentile, the points it
 * came from, the billed point's time, active days of the month's days, the amount, and the earlier
 * values a re-run kept (oldest first). Exact decimals as strings.
 */
public record MonthLineView(
    String connectionId,
    String month,
    String zone,
    String payerAccountId,
    String pairClass,
    String status,
    String p95Mbps,
    Integer capMbps,
    String billedMbps,
    Long tariffId,
    String amount,
    String currency,
    int points,
    int pointsDropped,
    Instant billedPointAt,
    int activeDays,
    int daysInMonth,
    String failureReason,
    List<Revision> revisions) {

  static MonthLineView of(MonthLine l, List<LineRevision> revisions) {
    LocalDate first = l.billMonth();
    return new MonthLineView(
        l.connectionId(),
        first.toString().substring(0, 7),
        l.zone(),
        l.payerAccountId(),
        l.pairClass(),
        l.status().name(),
        BillLineView.plain(l.p95Mbps()),
        l.capMbps(),
        BillLineView.plain(l.billedMbps()),
        l.tariffId(),
        BillLineView.plain(l.amount()),
        l.currency(),
        l.points(),
        l.pointsDropped(),
        l.billedPointAt(),
        l.activeDays(),
        l.daysInMonth(),
        l.failureReason(),
        revisions.stream()
            .map(r -> new Revision(r.revision(), BillLineView.plain(r.amount()), r.reason()))
            .toList());
  }
}
