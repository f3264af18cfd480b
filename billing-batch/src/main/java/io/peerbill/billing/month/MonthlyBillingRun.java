package io.peerbill.billing.month;

import static io.peerbill.schema.jooq.Tables.MONTH_BILLING_RUN;
import static io.peerbill.schema.jooq.Tables.MONTH_BILL_LINE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.run.CompletenessGuard;
import io.peerbill.billing.run.DayFence;
import io.peerbill.billing.statement.MonthStatementFiles;
import io.peerbill.billing.statement.MonthStatementRepository;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.peering.ChargeMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bills one month by the 95th percentile (D13), the one way the CLI ({@code bill --month}) and the
 * nightly service do it: the completeness guard for the month's last instant, the month's fence for
 * the whole run, then one transaction that aggregates, rates and saves the month's lines (changed
 * ones keep their earlier value as a revision), removes those no longer billable by the month,
 * refreshes the month's statements and records the run. A run killed half-way leaves nothing
 * behind; the next one starts over. Then the CSV statement files (written whole, then moved; a run
 * killed before they are in place is billed again by the next, which changes no line and writes
 * them). The HTML pages are rendered on request ({@code bills pages --month}), not here.
 */
@Component
public class MonthlyBillingRun {

  private final CompletenessGuard guard;
  private final DayFence fence;
  private final MonthlyPercentileQuery query;
  private final TariffRepository tariffs;
  private final MonthLineRepository lines;
  private final MonthStatementRepository statements;
  private final MonthStatementFiles files;
  private final BillingProperties properties;
  private final DSLContext dsl;
  private final TransactionTemplate transaction;

  public MonthlyBillingRun(
      CompletenessGuard guard,
      DayFence fence,
      MonthlyPercentileQuery query,
      TariffRepository tariffs,
      MonthLineRepository lines,
      MonthStatementRepository statements,
      MonthStatementFiles files,
      BillingProperties properties,
      DSLContext dsl,
      PlatformTransactionManager transactionManager) {
    this.guard = guard;
    this.fence = fence;
    this.query = query;
    this.tariffs = tariffs;
    this.lines = lines;
    this.statements = statements;
    this.files = files;
    this.properties = properties;
    this.dsl = dsl;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * @throws CompletenessGuard.DayNotCompleteException unless {@code force}
   * @throws DayFence.DayBeingBilledException another run holds the month
   */
  public MonthReport bill(BillingMonth month, boolean force) throws Exception {
    if (!force) {
      guard.check(month);
    }
    try (DayFence.Held held = fence.hold(month.month())) {
      MonthReport report = transaction.execute(status -> billInTransaction(month));
      files.write(month);
      return report;
    }
  }

  /** Whether a run of the month completed (in any zone). */
  public boolean billed(BillingMonth month) {
    return dsl.fetchExists(
        MONTH_BILLING_RUN, MONTH_BILLING_RUN.BILL_MONTH.eq(month.month().atDay(1)));
  }

  /** Why a re-run removes a month line (kept with its earlier value). */
  public static String removalReason(BillingMonth month) {
    return "re-run removed: not billed by the month in " + month + " (no ACTIVE time, D13)";
  }

  private MonthReport billInTransaction(BillingMonth month) {
    // Under the server's work_mem, not the daily staging's (aggregate-work-mem): each
    // connection's sort of 8,640 keys fits in it, and a larger one makes PostgreSQL sort the
    // month's buckets in one process instead of two workers (monthly-95th.sql).
    LocalDate first = month.month().atDay(1);
    MonthLineRater rater =
        new MonthLineRater(month, tariffs.inForceOn(first, ChargeMode.MONTHLY_95TH), properties);
    List<MonthLine> rated = query.of(month).stream().map(rater::rate).toList();
    int changed = lines.save(first, rated);
    Set<String> billable =
        rated.stream().map(MonthLine::connectionId).collect(Collectors.toUnmodifiableSet());
    int removed = lines.removeAllBut(month, billable, removalReason(month));
    statements.refresh(first);
    dsl.insertInto(MONTH_BILLING_RUN)
        .set(MONTH_BILLING_RUN.BILL_MONTH, first)
        .set(MONTH_BILLING_RUN.ZONE, month.zone().getId())
        .set(MONTH_BILLING_RUN.LINES, rated.size())
        .set(MONTH_BILLING_RUN.CHANGED, changed)
        .set(MONTH_BILLING_RUN.REMOVED, removed)
        .execute();
    return new MonthReport(
        month,
        byStatus(first),
        changed,
        removed,
        totals(first),
        rated.stream().filter(l -> l.status() == MonthLineStatus.FAILED).toList());
  }

  private Map<MonthLineStatus, Integer> byStatus(LocalDate first) {
    Map<MonthLineStatus, Integer> counts = new EnumMap<>(MonthLineStatus.class);
    dsl.select(MONTH_BILL_LINE.STATUS, count())
        .from(MONTH_BILL_LINE)
        .where(MONTH_BILL_LINE.BILL_MONTH.eq(first))
        .groupBy(MONTH_BILL_LINE.STATUS)
        .forEach(row -> counts.put(MonthLineStatus.valueOf(row.value1()), row.value2()));
    return counts;
  }

  private Map<String, BigDecimal> totals(LocalDate first) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    dsl.select(MONTH_BILL_LINE.CURRENCY, sum(MONTH_BILL_LINE.AMOUNT))
        .from(MONTH_BILL_LINE)
        .where(MONTH_BILL_LINE.BILL_MONTH.eq(first))
        .groupBy(MONTH_BILL_LINE.CURRENCY)
        .forEach(row -> totals.put(row.value1(), row.value2()));
    return totals;
  }
}
