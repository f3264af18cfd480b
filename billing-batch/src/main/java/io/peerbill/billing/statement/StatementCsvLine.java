package io.peerbill.billing.statement;

import java.math.BigDecimal;

/** One statement as a CSV line (account ids, dates and currencies never contain commas). */
public final class StatementCsvLine {

  public static final String HEADER =
      "account_id,bill_day,currency,lines,failed_lines,total,previous_total,adjustment,revision";

  private StatementCsvLine() {}

  public static String of(Statement s) {
    return String.join(
        ",",
        s.accountId(),
        s.billDay().toString(),
        s.currency(),
        Integer.toString(s.lineCount()),
        Integer.toString(s.failedCount()),
        plain(s.total()),
        plain(s.previousTotal()),
        plain(s.adjustment()),
        Integer.toString(s.revision()));
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }
}
