package io.peerbill.billing.line;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;
import static io.peerbill.schema.jooq.Tables.BILL_LINE_REVISION;

import io.peerbill.billing.BillingDay;
import io.peerbill.schema.jooq.tables.records.BillLineRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Bill lines, one per (connection, day). Saving a line again never charges twice: an unchanged line
 * is left alone; a changed one keeps its earlier value as a revision with the reason.
 */
@Repository
public class BillLineRepository {

  private final DSLContext dsl;

  public BillLineRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Whether the day has any line yet (a first run of the day has none to compare with). */
  public boolean anyOn(LocalDate day) {
    return dsl.fetchExists(BILL_LINE, BILL_LINE.BILL_DAY.eq(day));
  }

  /**
   * Saves the lines in the caller's transaction; returns how many were new or changed. The stored
   * lines of the chunk are read with one query (locked, so a concurrent run waits).
   */
  public int save(List<? extends BillLine> lines, Long jobExecutionId) {
    if (lines.isEmpty()) {
      return 0;
    }
    Map<String, BillLineRecord> existing = new HashMap<>();
    Condition keys =
        BILL_LINE
            .BILL_DAY
            .in(lines.stream().map(BillLine::billDay).distinct().toList())
            .and(BILL_LINE.CONNECTION_ID.in(lines.stream().map(BillLine::connectionId).toList()));
    for (BillLineRecord r : dsl.selectFrom(BILL_LINE).where(keys).forUpdate().fetch()) {
      existing.put(r.getConnectionId() + "@" + r.getBillDay(), r);
    }
    List<BillLine> inserts = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    for (BillLine line : lines) {
      BillLineRecord before = existing.get(line.connectionId() + "@" + line.billDay());
      if (before == null) {
        inserts.add(line);
        continue;
      }
      List<String> changes = line.changesSince(toLine(before));
      if (changes.isEmpty()) {
        continue;
      }
      queries.add(revisionOf(before, reason(before, line, changes)));
      queries.add(
          dsl.update(BILL_LINE)
              .set(record(line, before.getRevision() + 1, jobExecutionId))
              .where(BILL_LINE.CONNECTION_ID.eq(line.connectionId()))
              .and(BILL_LINE.BILL_DAY.eq(line.billDay())));
    }
    insertNew(inserts, jobExecutionId);
    if (!queries.isEmpty()) {
      dsl.batch(queries).execute();
    }
    return inserts.size() + queries.size() / 2;
  }

  /** Why a stored line changed; a change of zone says it was the operator's re-bill. */
  private static String reason(BillLineRecord before, BillLine line, List<String> changes) {
    String changed = "re-run changed " + String.join("; ", changes);
    if (line.zone().equals(before.getZone())) {
      return changed;
    }
    return "re-billed in "
        + line.zone()
        + " (was "
        + before.getZone()
        + ", --rebill-zone): "
        + changed;
  }

  /** The zones the day's lines were billed in. */
  public List<String> zonesOn(LocalDate day) {
    return dsl.selectDistinct(BILL_LINE.ZONE)
        .from(BILL_LINE)
        .where(BILL_LINE.BILL_DAY.eq(day))
        .orderBy(BILL_LINE.ZONE)
        .fetch(BILL_LINE.ZONE);
  }

  /**
   * Inserts lines that are not stored yet (revision 1) in the caller's transaction, with one
   * statement whatever their number: each column travels as one array, which PostgreSQL unnests
   * into rows. (A JDBC batch executes one INSERT per line, and jOOQ renders each of them.)
   */
  public int insertNew(List<? extends BillLine> lines, Long jobExecutionId) {
    if (lines.isEmpty()) {
      return 0;
    }
    return dsl.insertInto(BILL_LINE)
        .columns(LineColumns.FIELDS)
        .select(
            DSL.select(
                    DSL.asterisk(),
                    DSL.val(1),
                    DSL.val(jobExecutionId, BILL_LINE.JOB_EXECUTION_ID),
                    DSL.val(OffsetDateTime.now(ZoneOffset.UTC)))
                .from(LineColumns.unnest(lines)))
        .execute();
  }

  /**
   * Removes from the day's bill, in the caller's transaction, every line whose connection is not
   * among {@code billable}: the line keeps its earlier value as a revision with {@code reason} and
   * becomes a REMOVED line at zero in the same currency (so the payer's statement shows the
   * adjustment). Lines already removed are left alone. Returns how many were removed.
   */
  public int removeAllBut(
      BillingDay day, Select<Record1<String>> billable, String reason, Long jobExecutionId) {
    Condition unbillable =
        BILL_LINE
            .BILL_DAY
            .eq(day.date())
            .and(BILL_LINE.STATUS.ne(LineStatus.REMOVED.name()))
            .and(BILL_LINE.CONNECTION_ID.notIn(billable));
    dsl.insertInto(
            BILL_LINE_REVISION,
            BILL_LINE_REVISION.CONNECTION_ID,
            BILL_LINE_REVISION.BILL_DAY,
            BILL_LINE_REVISION.REVISION,
            BILL_LINE_REVISION.STATUS,
            BILL_LINE_REVISION.PEAK_MBPS,
            BILL_LINE_REVISION.CAP_MBPS,
            BILL_LINE_REVISION.BILLED_MBPS,
            BILL_LINE_REVISION.TARIFF_ID,
            BILL_LINE_REVISION.AMOUNT,
            BILL_LINE_REVISION.CURRENCY,
            BILL_LINE_REVISION.BUCKETS_WITH_DATA,
            BILL_LINE_REVISION.BUCKETS_ACTIVE,
            BILL_LINE_REVISION.FAILURE_REASON,
            BILL_LINE_REVISION.REASON)
        .select(
            dsl.select(
                    BILL_LINE.CONNECTION_ID,
                    BILL_LINE.BILL_DAY,
                    BILL_LINE.REVISION,
                    BILL_LINE.STATUS,
                    BILL_LINE.PEAK_MBPS,
                    BILL_LINE.CAP_MBPS,
                    BILL_LINE.BILLED_MBPS,
                    BILL_LINE.TARIFF_ID,
                    BILL_LINE.AMOUNT,
                    BILL_LINE.CURRENCY,
                    BILL_LINE.BUCKETS_WITH_DATA,
                    BILL_LINE.BUCKETS_ACTIVE,
                    BILL_LINE.FAILURE_REASON,
                    DSL.val(reason))
                .from(BILL_LINE)
                .where(unbillable))
        .execute();
    BigDecimal zero = new BigDecimal("0.00");
    return dsl.update(BILL_LINE)
        .set(BILL_LINE.STATUS, LineStatus.REMOVED.name())
        // Of the run's zone: a re-bill in another zone leaves no line of the first one behind.
        .set(BILL_LINE.ZONE, day.zone().getId())
        .set(BILL_LINE.PEAK_MBPS, (BigDecimal) null)
        .set(BILL_LINE.BILLED_MBPS, zero)
        .set(BILL_LINE.TARIFF_ID, (Long) null)
        .set(BILL_LINE.AMOUNT, zero)
        .set(BILL_LINE.BUCKETS_WITH_DATA, 0)
        .set(BILL_LINE.BUCKETS_ACTIVE, 0)
        .set(BILL_LINE.FAILURE_REASON, (String) null)
        .set(BILL_LINE.REVISION, BILL_LINE.REVISION.plus(1))
        .set(BILL_LINE.JOB_EXECUTION_ID, jobExecutionId)
        .set(BILL_LINE.BILLED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .where(unbillable)
        .execute();
  }

  private Query revisionOf(BillLineRecord before, String reason) {
    return dsl.insertInto(BILL_LINE_REVISION)
        .set(BILL_LINE_REVISION.CONNECTION_ID, before.getConnectionId())
        .set(BILL_LINE_REVISION.BILL_DAY, before.getBillDay())
        .set(BILL_LINE_REVISION.REVISION, before.getRevision())
        .set(BILL_LINE_REVISION.STATUS, before.getStatus())
        .set(BILL_LINE_REVISION.PEAK_MBPS, before.getPeakMbps())
        .set(BILL_LINE_REVISION.CAP_MBPS, before.getCapMbps())
        .set(BILL_LINE_REVISION.BILLED_MBPS, before.getBilledMbps())
        .set(BILL_LINE_REVISION.TARIFF_ID, before.getTariffId())
        .set(BILL_LINE_REVISION.AMOUNT, before.getAmount())
        .set(BILL_LINE_REVISION.CURRENCY, before.getCurrency())
        .set(BILL_LINE_REVISION.BUCKETS_WITH_DATA, before.getBucketsWithData())
        .set(BILL_LINE_REVISION.BUCKETS_ACTIVE, before.getBucketsActive())
        .set(BILL_LINE_REVISION.FAILURE_REASON, before.getFailureReason())
        .set(BILL_LINE_REVISION.REASON, reason);
  }

  private BillLineRecord record(BillLine line, int revision, Long jobExecutionId) {
    BillLineRecord r = dsl.newRecord(BILL_LINE);
    r.setConnectionId(line.connectionId());
    r.setBillDay(line.billDay());
    r.setZone(line.zone());
    r.setPayerAccountId(line.payerAccountId());
    r.setPairClass(line.pairClass());
    r.setStatus(line.status().name());
    r.setPeakMbps(line.peakMbps());
    r.setCapMbps(line.capMbps());
    r.setBilledMbps(line.billedMbps());
    r.setTariffId(line.tariffId());
    r.setAmount(line.amount());
    r.setCurrency(line.currency());
    r.setBucketsWithData(line.bucketsWithData());
    r.setBucketsActive(line.bucketsActive());
    r.setFailureReason(line.failureReason());
    r.setRevision(revision);
    r.setJobExecutionId(jobExecutionId);
    r.setBilledAt(OffsetDateTime.now(ZoneOffset.UTC));
    return r;
  }

  /** The current lines of a day, optionally of one payer account, by connection. */
  public List<BillLine> linesOf(LocalDate day, String accountId) {
    return linesOfPayers(day, accountId == null ? null : List.of(accountId));
  }

  /**
   * The current lines of a day of the given payer accounts (null: all), by payer and connection.
   */
  public List<BillLine> linesOfPayers(LocalDate day, Collection<String> accountIds) {
    Condition condition = BILL_LINE.BILL_DAY.eq(day);
    if (accountIds != null) {
      condition = condition.and(BILL_LINE.PAYER_ACCOUNT_ID.in(accountIds));
    }
    return dsl.selectFrom(BILL_LINE)
        .where(condition)
        .orderBy(BILL_LINE.PAYER_ACCOUNT_ID, BILL_LINE.CONNECTION_ID)
        .fetch(BillLineRepository::toLine);
  }

  /** The lines of a day with the given status, by payer and connection. */
  public List<BillLine> linesWithStatus(LocalDate day, LineStatus status) {
    return dsl.selectFrom(BILL_LINE)
        .where(BILL_LINE.BILL_DAY.eq(day))
        .and(BILL_LINE.STATUS.eq(status.name()))
        .orderBy(BILL_LINE.PAYER_ACCOUNT_ID, BILL_LINE.CONNECTION_ID)
        .fetch(BillLineRepository::toLine);
  }

  /** Revisions kept for a line, oldest first. */
  public List<LineRevision> revisionsOf(String connectionId, LocalDate day) {
    return revisionsOf(List.of(connectionId), day).getOrDefault(connectionId, List.of());
  }

  /**
   * Revisions kept for the lines of the given connections on a day, by connection, oldest first.
   */
  public Map<String, List<LineRevision>> revisionsOf(
      Collection<String> connectionIds, LocalDate day) {
    return LineRevisions.of(
        dsl, BILL_LINE_REVISION, BILL_LINE_REVISION.BILL_DAY, day, connectionIds);
  }

  /** The revision number of a line's current value (1 = never changed). */
  public int currentRevision(String connectionId, LocalDate day) {
    return dsl.select(BILL_LINE.REVISION)
        .from(BILL_LINE)
        .where(BILL_LINE.CONNECTION_ID.eq(connectionId))
        .and(BILL_LINE.BILL_DAY.eq(day))
        .fetchSingle(BILL_LINE.REVISION);
  }

  static BillLine toLine(BillLineRecord r) {
    return new BillLine(
        r.getConnectionId(),
        r.getBillDay(),
        r.getZone(),
        r.getPayerAccountId(),
        r.getPairClass(),
        LineStatus.valueOf(r.getStatus()),
        r.getPeakMbps(),
        r.getCapMbps(),
        r.getBilledMbps(),
        r.getTariffId(),
        r.getAmount(),
        r.getCurrency(),
        r.getBucketsWithData(),
        r.getBucketsActive(),
        r.getFailureReason());
  }

  /** An earlier value of a line: its revision number, amount, and why it was replaced. */
  public record LineRevision(int revision, java.math.BigDecimal amount, String reason) {}
}
