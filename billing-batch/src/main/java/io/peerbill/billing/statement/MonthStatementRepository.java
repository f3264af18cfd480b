package io.peerbill.billing.statement;

import static io.peerbill.schema.jooq.Tables.MONTH_STATEMENT;

import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Per-account month statements derived from the current month lines; a changed total keeps the
 * earlier one and shows the adjustment, as day statements do.
 */
@Repository
public class MonthStatementRepository {

  private static final String REFRESH =
      """
      INSERT INTO month_statement (account_id, bill_month, currency, line_count, failed_count,
                                   total, adjustment)
      SELECT payer_account_id, bill_month, currency,
             count(*) FILTER (WHERE status <> 'REMOVED'), count(*) FILTER (WHERE status = 'FAILED'),
             sum(amount), 0
        FROM month_bill_line
       WHERE bill_month = ?
       GROUP BY payer_account_id, bill_month, currency
      ON CONFLICT (account_id, bill_month, currency) DO UPDATE SET
             previous_total = month_statement.total,
             adjustment = excluded.total - month_statement.total,
             total = excluded.total,
             line_count = excluded.line_count,
             failed_count = excluded.failed_count,
             revision = month_statement.revision + 1,
             generated_at = now()
       WHERE (month_statement.total, month_statement.line_count, month_statement.failed_count)
             IS DISTINCT FROM (excluded.total, excluded.line_count, excluded.failed_count)
      """;

  private final DSLContext dsl;

  public MonthStatementRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Recomputes the month's statements in the caller's transaction; returns new or changed. */
  public int refresh(LocalDate billMonth) {
    return dsl.execute(REFRESH, billMonth);
  }

  /** The month's statements by account and currency ({@code billDay}: the month's first day). */
  public List<Statement> statementsOf(LocalDate billMonth) {
    return dsl.selectFrom(MONTH_STATEMENT)
        .where(MONTH_STATEMENT.BILL_MONTH.eq(billMonth))
        .orderBy(MONTH_STATEMENT.ACCOUNT_ID, MONTH_STATEMENT.CURRENCY)
        .fetch(
            r ->
                new Statement(
                    r.getAccountId(),
                    r.getBillMonth(),
                    r.getCurrency(),
                    r.getLineCount(),
                    r.getFailedCount(),
                    r.getTotal(),
                    r.getPreviousTotal(),
                    r.getAdjustment(),
                    r.getRevision()));
  }
}
