package io.peerbill.billing.month;

import static io.peerbill.schema.jooq.Tables.MONTH_BILL_LINE;
import static io.peerbill.schema.jooq.Tables.MONTH_BILL_LINE_REVISION;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.line.LineRevisions;
import io.peerbill.schema.jooq.tables.records.MonthBillLineRecord;
import io.peerbill.schema.jooq.tables.records.MonthBillLineRevisionRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.stereotype.Repository;

/**
 * Month lines, one per (connection, month). Saving a line again never charges twice: an unchanged
 * line is left alone; a changed one keeps its earlier value as a revision with the reason, as day
 * lines do.
 */
@Repository
public class MonthLineRepository {

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final DSLContext dsl;

  public MonthLineRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The month's stored lines by connection (of one payer when {@code account} is not null). */
  public Map<String, MonthLine> of(LocalDate billMonth, String account) {
    Condition where = MONTH_BILL_LINE.BILL_MONTH.eq(billMonth);
    if (account != null) {
      where = where.and(MONTH_BILL_LINE.PAYER_ACCOUNT_ID.eq(account));
    }
    Map<String, MonthLine> lines = new LinkedHashMap<>();
    for (MonthBillLineRecord r :
        dsl.selectFrom(MONTH_BILL_LINE).where(where).orderBy(MONTH_BILL_LINE.CONNECTION_ID)) {
      lines.put(r.getConnectionId(), toLine(r));
    }
    return lines;
  }

  /** The lines of every month whose first day is in [from, to], by month then connection. */
  public List<MonthLine> between(LocalDate from, LocalDate to, String account) {
    Condition where = MONTH_BILL_LINE.BILL_MONTH.between(from, to);
    if (account != null) {
      where = where.and(MONTH_BILL_LINE.PAYER_ACCOUNT_ID.eq(account));
    }
    return dsl.selectFrom(MONTH_BILL_LINE)
        .where(where)
        .orderBy(MONTH_BILL_LINE.BILL_MONTH, MONTH_BILL_LINE.CONNECTION_ID)
        .fetch(MonthLineRepository::toLine);
  }

  /**
   * Revisions kept for the month lines of the given connections, by connection, oldest first (the
   * same earlier values and reasons a day line keeps).
   */
  public Map<String, List<LineRevision>> revisionsOf(
      Collection<String> connectionIds, LocalDate billMonth) {
    return LineRevisions.of(
        dsl,
        MONTH_BILL_LINE_REVISION,
        MONTH_BILL_LINE_REVISION.BILL_MONTH,
        billMonth,
        connectionIds);
  }

  /**
   * Saves the month's lines in the caller's transaction (the stored ones locked first); returns how
   * many were new or changed.
   */
  public int save(LocalDate billMonth, Collection<MonthLine> lines) {
    return write(billMonth, lines, null);
  }

  /**
   * Removes from the month's bill every line not among {@code billable} (not REMOVED already): it
   * keeps its earlier value as a revision with {@code reason} and stays at zero. Returns how many.
   */
  public int removeAllBut(BillingMonth month, Collection<String> billable, String reason) {
    LocalDate billMonth = month.month().atDay(1);
    List<MonthLine> removed =
        of(billMonth, null).values().stream()
            .filter(l -> l.status() != MonthLineStatus.REMOVED)
            .filter(l -> !billable.contains(l.connectionId()))
            .map(
                l ->
                    new MonthLine(
                        l.connectionId(),
                        billMonth,
                        month.zone().getId(),
                        l.payerAccountId(),
                        l.pairClass(),
                        MonthLineStatus.REMOVED,
                        null,
                        l.capMbps(),
                        ZERO,
                        null,
                        ZERO,
                        l.currency(),
                        0,
                        0,
                        null,
                        0,
                        l.daysInMonth(),
                        null))
            .toList();
    return write(billMonth, removed, reason);
  }

  /** Inserts new lines, revises changed ones ({@code reason} null: the changes say why). */
  private int write(LocalDate billMonth, Collection<MonthLine> lines, String reason) {
    Map<String, MonthBillLineRecord> stored = new LinkedHashMap<>();
    for (MonthBillLineRecord r :
        dsl.selectFrom(MONTH_BILL_LINE)
            .where(MONTH_BILL_LINE.BILL_MONTH.eq(billMonth))
            .forUpdate()
            .fetch()) {
      stored.put(r.getConnectionId(), r);
    }
    List<MonthBillLineRecord> inserts = new ArrayList<>();
    List<MonthBillLineRevisionRecord> revisions = new ArrayList<>();
    List<Query> updates = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (MonthLine line : lines) {
      MonthBillLineRecord before = stored.get(line.connectionId());
      if (before == null) {
        inserts.add(record(line, 1, now));
        continue;
      }
      List<String> changes = line.changesSince(toLine(before));
      if (changes.isEmpty()) {
        continue;
      }
      revisions.add(revisionOf(before, reason != null ? reason : reason(before, line, changes)));
      MonthBillLineRecord after = record(line, before.getRevision() + 1, now);
      updates.add(
          dsl.update(MONTH_BILL_LINE)
              .set(after)
              .where(MONTH_BILL_LINE.CONNECTION_ID.eq(line.connectionId()))
              .and(MONTH_BILL_LINE.BILL_MONTH.eq(billMonth)));
    }
    dsl.batchInsert(inserts).execute();
    dsl.batchInsert(revisions).execute();
    if (!updates.isEmpty()) {
      dsl.batch(updates).execute();
    }
    return inserts.size() + updates.size();
  }

  private static String reason(MonthBillLineRecord before, MonthLine line, List<String> changes) {
    String changed = "re-run changed " + String.join("; ", changes);
    return line.zone().equals(before.getZone())
        ? changed
        : "re-billed in " + line.zone() + " (was " + before.getZone() + "): " + changed;
  }

  private MonthBillLineRevisionRecord revisionOf(MonthBillLineRecord before, String reason) {
    MonthBillLineRevisionRecord r = dsl.newRecord(MONTH_BILL_LINE_REVISION);
    r.setConnectionId(before.getConnectionId());
    r.setBillMonth(before.getBillMonth());
    r.setRevision(before.getRevision());
    r.setZone(before.getZone());
    r.setStatus(before.getStatus());
    r.setP95Mbps(before.getP95Mbps());
    r.setCapMbps(before.getCapMbps());
    r.setBilledMbps(before.getBilledMbps());
    r.setTariffId(before.getTariffId());
    r.setAmount(before.getAmount());
    r.setCurrency(before.getCurrency());
    r.setPoints(before.getPoints());
    r.setPointsDropped(before.getPointsDropped());
    r.setBilledPointAt(before.getBilledPointAt());
    r.setActiveDays(before.getActiveDays());
    r.setDaysInMonth(before.getDaysInMonth());
    r.setFailureReason(before.getFailureReason());
    r.setReason(reason);
    return r;
  }

  private MonthBillLineRecord record(MonthLine l, int revision, OffsetDateTime now) {
    MonthBillLineRecord r = dsl.newRecord(MONTH_BILL_LINE);
    r.setConnectionId(l.connectionId());
    r.setBillMonth(l.billMonth());
    r.setZone(l.zone());
    r.setPayerAccountId(l.payerAccountId());
    r.setPairClass(l.pairClass());
    r.setStatus(l.status().name());
    r.setP95Mbps(l.p95Mbps());
    r.setCapMbps(l.capMbps());
    r.setBilledMbps(l.billedMbps());
    r.setTariffId(l.tariffId());
    r.setAmount(l.amount());
    r.setCurrency(l.currency());
    r.setPoints(l.points());
    r.setPointsDropped(l.pointsDropped());
    r.setBilledPointAt(
        l.billedPointAt() == null ? null : l.billedPointAt().atOffset(ZoneOffset.UTC));
    r.setActiveDays(l.activeDays());
    r.setDaysInMonth(l.daysInMonth());
    r.setFailureReason(l.failureReason());
    r.setRevision(revision);
    r.setBilledAt(now);
    return r;
  }

  static MonthLine toLine(MonthBillLineRecord r) {
    return new MonthLine(
        r.getConnectionId(),
        r.getBillMonth(),
        r.getZone(),
        r.getPayerAccountId(),
        r.getPairClass(),
        MonthLineStatus.valueOf(r.getStatus()),
        r.getP95Mbps(),
        r.getCapMbps(),
        r.getBilledMbps(),
        r.getTariffId(),
        r.getAmount(),
        r.getCurrency(),
        r.getPoints(),
        r.getPointsDropped(),
        r.getBilledPointAt() == null ? null : r.getBilledPointAt().toInstant(),
        r.getActiveDays(),
        r.getDaysInMonth(),
        r.getFailureReason());
  }
}
