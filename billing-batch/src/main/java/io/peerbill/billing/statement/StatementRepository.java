package io.peerbill.billing.statement;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;
import static io.peerbill.schema.jooq.Tables.BILL_STATEMENT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import io.peerbill.billing.line.LineStatus;
import io.peerbill.schema.jooq.tables.records.BillStatementRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.stereotype.Repository;

/** Per-account day statements, derived from the current bill lines. */
@Repository
public class StatementRepository {

  private final DSLContext dsl;

  public StatementRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Recomputes the day's statements from its lines. A statement whose total changed keeps the
   * earlier total and shows the adjustment; an unchanged one is left as it is. Returns how many
   * statements were new or changed.
   */
  public int refresh(LocalDate day) {
    Map<String, BillStatementRecord> existing = new HashMap<>();
    for (BillStatementRecord r :
        dsl.selectFrom(BILL_STATEMENT).where(BILL_STATEMENT.BILL_DAY.eq(day)).forUpdate().fetch()) {
      existing.put(r.getAccountId() + "/" + r.getCurrency(), r);
    }
    var failed = count().filterWhere(BILL_LINE.STATUS.eq(LineStatus.FAILED.name()));
    // A removed line (at zero) still groups its payer and currency, so that a statement all of
    // whose lines were removed shows the adjustment; it no longer counts as a line of the bill.
    var current = count().filterWhere(BILL_LINE.STATUS.ne(LineStatus.REMOVED.name()));
    var total = sum(BILL_LINE.AMOUNT);
    List<Query> queries = new ArrayList<>();
    for (var row :
        dsl.select(BILL_LINE.PAYER_ACCOUNT_ID, BILL_LINE.CURRENCY, current, failed, total)
            .from(BILL_LINE)
            .where(BILL_LINE.BILL_DAY.eq(day))
            .groupBy(BILL_LINE.PAYER_ACCOUNT_ID, BILL_LINE.CURRENCY)
            .fetch()) {
      String account = row.value1();
      String currency = row.value2();
      BigDecimal newTotal = row.value5().setScale(2);
      BillStatementRecord before = existing.get(account + "/" + currency);
      if (before == null) {
        queries.add(
            dsl.insertInto(BILL_STATEMENT)
                .set(BILL_STATEMENT.ACCOUNT_ID, account)
                .set(BILL_STATEMENT.BILL_DAY, day)
                .set(BILL_STATEMENT.CURRENCY, currency)
                .set(BILL_STATEMENT.LINE_COUNT, row.value3())
                .set(BILL_STATEMENT.FAILED_COUNT, row.value4())
                .set(BILL_STATEMENT.TOTAL, newTotal)
                .set(BILL_STATEMENT.ADJUSTMENT, BigDecimal.ZERO.setScale(2)));
      } else if (before.getTotal().compareTo(newTotal) != 0
          || before.getLineCount() != row.value3().intValue()
          || before.getFailedCount() != row.value4().intValue()) {
        queries.add(
            dsl.update(BILL_STATEMENT)
                .set(BILL_STATEMENT.LINE_COUNT, row.value3())
                .set(BILL_STATEMENT.FAILED_COUNT, row.value4())
                .set(BILL_STATEMENT.TOTAL, newTotal)
                .set(BILL_STATEMENT.PREVIOUS_TOTAL, before.getTotal())
                .set(BILL_STATEMENT.ADJUSTMENT, newTotal.subtract(before.getTotal()))
                .set(BILL_STATEMENT.REVISION, before.getRevision() + 1)
                .set(BILL_STATEMENT.GENERATED_AT, java.time.OffsetDateTime.now())
                .where(BILL_STATEMENT.ACCOUNT_ID.eq(account))
                .and(BILL_STATEMENT.BILL_DAY.eq(day))
                .and(BILL_STATEMENT.CURRENCY.eq(currency)));
      }
    }
    if (!queries.isEmpty()) {
      dsl.batch(queries).execute();
    }
    return queries.size();
  }

  /** The day's statements, optionally of one account, by account and currency. */
  public List<Statement> statementsOf(LocalDate day, String accountId) {
    return statementsOfAccounts(day, accountId == null ? null : List.of(accountId));
  }

  /** The day's statements of the given accounts (null: all), by account and currency. */
  public List<Statement> statementsOfAccounts(LocalDate day, Collection<String> accountIds) {
    var condition = BILL_STATEMENT.BILL_DAY.eq(day);
    if (accountIds != null) {
      condition = condition.and(BILL_STATEMENT.ACCOUNT_ID.in(accountIds));
    }
    return dsl.selectFrom(BILL_STATEMENT)
        .where(condition)
        .orderBy(BILL_STATEMENT.ACCOUNT_ID, BILL_STATEMENT.CURRENCY)
        .fetch(
            r ->
                new Statement(
                    r.getAccountId(),
                    r.getBillDay(),
                    r.getCurrency(),
                    r.getLineCount(),
                    r.getFailedCount(),
                    r.getTotal(),
                    r.getPreviousTotal(),
                    r.getAdjustment(),
                    r.getRevision()));
  }
}
