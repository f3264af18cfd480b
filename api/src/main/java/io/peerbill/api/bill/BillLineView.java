package io.peerbill.api.bill;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A bill line as the paying account reads it, with the earlier values a re-run kept (oldest first).
 * Money and Mbps are exact decimals written as strings ("1368.00"), never floats.
 */
public record BillLineView(
    String connectionId,
    LocalDate billDay,
    String zone,
    String payerAccountId,
    String pairClass,
    String status,
    String peakMbps,
    Integer capMbps,
    String billedMbps,
    Long tariffId,
    String amount,
    String currency,
    int bucketsWithData,
    int bucketsActive,
    String coverage,
    String failureReason,
    List<Revision> revisions) {

  public record Revision(int revision, String amount, String reason) {}

  static BillLineView of(BillLine l, List<LineRevision> revisions) {
    return new BillLineView(
        l.connectionId(),
        l.billDay(),
        l.zone(),
        l.payerAccountId(),
        l.pairClass(),
        l.status().name(),
        plain(l.peakMbps()),
        l.capMbps(),
        plain(l.billedMbps()),
        l.tariffId(),
        plain(l.amount()),
        l.currency(),
        l.bucketsWithData(),
        l.bucketsActive(),
        l.coverage(),
        l.failureReason(),
        revisions.stream()
            .map(r -> new Revision(r.revision(), plain(r.amount()), r.reason()))
            .toList());
  }

  static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
