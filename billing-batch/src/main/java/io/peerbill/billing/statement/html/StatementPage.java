package io.peerbill.billing.statement.html;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.statement.Statement;
import java.util.List;

/**
 * Everything one account's statement page for one billing day shows.
 *
 * @param totals the day's statement per currency (usually one)
 * @param lines a line per connection the account pays for
 */
public record StatementPage(
    String accountId,
    String accountName,
    BillingDay day,
    List<Statement> totals,
    List<Line> lines) {

  public StatementPage {
    totals = List.copyOf(totals);
    lines = List.copyOf(lines);
  }

  /**
   * One bill line with what explains it.
   *
   * @param unitPrice the price per Mbps and day that applied, as shown ("" when none)
   * @param revisions earlier values of the line when a re-run changed it, oldest first
   * @param chart the day's traffic, for cross-region connections only (null otherwise)
   */
  public record Line(
      BillLine bill,
      StatementConnection connection,
      String unitPrice,
      List<LineRevision> revisions,
      TrafficChart chart) {

    public Line {
      revisions = List.copyOf(revisions);
    }
  }
}
