package io.peerbill.billing.statement.html;

import static io.peerbill.billing.statement.html.Html.escape;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthLineRepository;
import io.peerbill.billing.month.MonthLineStatus;
import io.peerbill.billing.month.MonthlyPercentileQuery;
import io.peerbill.billing.statement.MonthStatementRepository;
import io.peerbill.billing.statement.Statement;
import java.nio.file.Path;
import java.sql.Array;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The HTML statement of an account for a month billed by the 95th percentile (D13), {@code
 * statement-<account>-2026-11.html} beside the days' pages: its month statement, one row per line
 * (the 95th, cap, billed Mbps, amount, points in the month, points dropped, the billed point's time
 * in the billing zone, active days of days in the month) and, per billed line, the month's points
 * sorted from the highest with the cut marked. The points are read with the same definition the run
 * billed them by (month-points.sql).
 */
@Component
public class MonthStatementPages {

  private static final String SORTED_POINTS =
      MonthlyPercentileQuery.POINTS
          + " SELECT connection_id, array_agg(peak_bytes ORDER BY peak_bytes DESC) AS sorted"
          + " FROM points WHERE connection_id IN (:ids) GROUP BY connection_id";
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final NamedParameterJdbcTemplate jdbc;
  private final MonthLineRepository lines;
  private final MonthStatementRepository statements;

  public MonthStatementPages(
      DataSource dataSource, MonthLineRepository lines, MonthStatementRepository statements) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    this.lines = lines;
    this.statements = statements;
  }

  /** The page of an account and month, e.g. statement-acct-1-2026-11.html. */
  public static String name(String accountId, BillingMonth month) {
    return PageFile.name(accountId, month.month());
  }

  /**
   * Writes the month's page of {@code account}, or of every payer account of the month when it is
   * null, into {@code directory} (rendered on request: {@code bill --month} writes none); returns
   * the files written, in account order. The month is taken in the zone its lines were billed in.
   *
   * @throws NoMonthStatementException the month is not billed, or the account pays no line of it
   */
  public List<Path> write(YearMonth billMonth, String account, Path directory) {
    LocalDate first = billMonth.atDay(1);
    Map<String, List<MonthLine>> byAccount =
        lines.of(first, null).values().stream()
            .filter(l -> account == null || l.payerAccountId().equals(account))
            .collect(
                Collectors.groupingBy(
                    MonthLine::payerAccountId, TreeMap::new, Collectors.toList()));
    if (byAccount.isEmpty()) {
      throw new NoMonthStatementException(
          account == null
              ? "no month statement for "
                  + billMonth
                  + " (not billed by the month, or no"
                  + " MONTHLY_95TH connection was active in it)"
              : "account " + account + " has no month statement for " + billMonth);
    }
    BillingMonth month =
        new BillingMonth(billMonth, ZoneId.of(byAccount.values().iterator().next().get(0).zone()));
    Map<String, List<Statement>> statementsByAccount =
        statements.statementsOf(first).stream()
            .collect(Collectors.groupingBy(Statement::accountId));
    List<Path> written = new ArrayList<>();
    for (var entry : byAccount.entrySet()) {
      Map<String, long[]> points = sortedPoints(month, entry.getValue());
      String page =
          page(
              entry.getKey(),
              month,
              statementsByAccount.getOrDefault(entry.getKey(), List.of()),
              entry.getValue(),
              points);
      Path file = directory.resolve(name(entry.getKey(), month));
      written.add(PageFile.write(file, page));
    }
    return written;
  }

  private Map<String, long[]> sortedPoints(BillingMonth month, List<MonthLine> accountLines) {
    List<String> billed =
        accountLines.stream()
            .filter(l -> l.status() == MonthLineStatus.BILLED)
            .map(MonthLine::connectionId)
            .toList();
    Map<String, long[]> points = new HashMap<>();
    if (billed.isEmpty()) {
      return points;
    }
    jdbc.query(
        SORTED_POINTS,
        MonthlyPercentileQuery.parameters(month).addValue("ids", billed),
        rs -> {
          Array sorted = rs.getArray("sorted");
          Long[] values = (Long[]) sorted.getArray();
          long[] bytes = new long[values.length];
          for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i];
          }
          points.put(rs.getString("connection_id"), bytes);
        });
    return points;
  }

  static String page(
      String accountId,
      BillingMonth month,
      List<Statement> totals,
      List<MonthLine> accountLines,
      Map<String, long[]> points) {
    String title = "Statement " + accountId + " for " + month + ", by the month's 95th percentile";
    StringBuilder html = new StringBuilder(65_536);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    for (Statement s : totals) {
      html.append("<p class=\"total\">Total ")
          .append(escape(s.currency()))
          .append(' ')
          .append(s.total().toPlainString())
          .append(
              s.previousTotal() == null
                  ? ""
                  : " (was "
                      + s.previousTotal().toPlainString()
                      + ", adjustment "
                      + s.adjustment().toPlainString()
                      + ")")
          .append("</p>\n");
    }
    html.append(
        "<table><tr><th>connection</th><th>status</th><th>95th Mbps</th><th>cap</th>"
            + "<th>billed Mbps</th><th>amount</th><th>points in the month</th>"
            + "<th>points dropped</th><th>billed point</th><th>active days</th></tr>\n");
    for (MonthLine l : accountLines) {
      html.append("<tr><td>")
          .append(escape(l.connectionId()))
          .append("</td><td>")
          .append(l.status())
          .append("</td><td>")
          .append(l.p95Mbps() == null ? "-" : l.p95Mbps().stripTrailingZeros().toPlainString())
          .append("</td><td>")
          .append(l.capMbps() == null ? "-" : l.capMbps())
          .append("</td><td>")
          .append(l.billedMbps().toPlainString())
          .append("</td><td>")
          .append(l.amount().toPlainString())
          .append(' ')
          .append(escape(l.currency()))
          .append("</td><td>")
          .append(l.points())
          .append("</td><td>")
          .append(l.pointsDropped())
          .append("</td><td>")
          .append(
              l.billedPointAt() == null ? "-" : AT.format(l.billedPointAt().atZone(month.zone())))
          .append("</td><td>")
          .append(l.activeDays())
          .append(" of ")
          .append(l.daysInMonth())
          .append("</td></tr>\n");
      if (l.failureReason() != null) {
        html.append("<tr><td colspan=\"10\">")
            .append(escape(l.failureReason()))
            .append("</td></tr>\n");
      }
    }
    html.append("</table>\n");
    for (MonthLine l : accountLines) {
      long[] sorted = points.get(l.connectionId());
      if (sorted != null) {
        html.append("<h2>")
            .append(escape(l.connectionId()))
            .append("</h2>\n")
            .append(
                PercentileChart.render(
                    sorted,
                    l.pointsDropped(),
                    l.capMbps(),
                    l.connectionId() + ": " + l.points() + " points, highest first"));
      }
    }
    return html.append("</body></html>\n").toString();
  }

  /** Nothing to render: the month is not billed, or not for that account. */
  public static final class NoMonthStatementException extends RuntimeException {
    NoMonthStatementException(String message) {
      super(message);
    }
  }
}
