package io.peerbill.billing.statement.html;

import static io.peerbill.billing.statement.html.Html.escape;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.statement.Statement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Writes a {@link StatementPage} as one self-contained HTML document (inline CSS and SVG, nothing
 * fetched), every value from the database escaped.
 */
public final class StatementPageWriter {

  private static final String STYLE =
      """
      body{font-family:sans-serif;color:#1a202c;margin:24px;max-width:1140px}
      h1{font-size:22px;margin:0 0 12px} h2{font-size:16px;margin:28px 0 4px}
      dl.head{display:grid;grid-template-columns:max-content auto;gap:4px 16px;margin:0 0 20px}
      dl.head dt{color:#4a5568} dl.head dd{margin:0}
      .total{font-size:18px;font-weight:bold}
      table{border-collapse:collapse;width:100%;font-size:13px}
      th,td{border-bottom:1px solid #e2e8f0;padding:6px 8px;text-align:left;vertical-align:top}
      th{background:#f7fafc} td.num,th.num{text-align:right;white-space:nowrap}
      tfoot td{font-weight:bold;border-top:2px solid #4a5568}
      .note{display:block;color:#4a5568} .failed{color:#c53030} .pair{white-space:nowrap}
      .why{color:#4a5568;margin:0 0 6px;font-size:13px}
      svg.chart{width:100%;height:auto;border:1px solid #e2e8f0}
      footer{margin-top:28px;color:#4a5568;font-size:12px}
      """;

  private final SvgChartRenderer charts = new SvgChartRenderer();

  public String write(StatementPage page) {
    StringBuilder html = new StringBuilder(65_536);
    BillingDay day = page.day();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape("Statement " + page.accountId() + " " + day.date()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    header(html, page);
    lineTable(html, page);
    for (StatementPage.Line line : page.lines()) {
      if (line.chart() != null) {
        chart(html, line);
      }
    }
    html.append("<footer>Billed Mbps = the highest 5-minute average of either direction during")
        .append(" the connection's active time, at most the highest cap in force that day, rounded")
        .append(" to 0.01 Mbps; amount = billed Mbps × the tariff's price per Mbps and day.")
        .append(" Coverage = 5-minute buckets with data / buckets of active time.</footer>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  private void header(StringBuilder html, StatementPage page) {
    BillingDay day = page.day();
    long hours = Duration.between(day.start(), day.end()).toHours();
    html.append("<h1>Peering statement</h1>\n<dl class=\"head\">\n");
    item(
        html,
        "Account",
        escape(page.accountName() == null ? "" : page.accountName() + " ")
            + "<code>"
            + escape(page.accountId())
            + "</code>");
    item(html, "Billing day", escape(day.date() + " in " + day.zone().getId()));
    item(html, "UTC bounds", escape(day.start() + " – " + day.end() + " (" + hours + " h)"));
    for (Statement s : page.totals()) {
      item(html, "Currency", escape(s.currency()));
      item(
          html,
          "Total",
          "<span class=\"total\" data-currency=\""
              + escape(s.currency())
              + "\">"
              + escape(s.total().toPlainString() + " " + s.currency())
              + "</span>");
      item(
          html,
          "Lines",
          s.lineCount() + (s.failedCount() > 0 ? ", " + s.failedCount() + " failed" : ""));
      if (s.revision() > 1) {
        item(
            html,
            "Adjustment",
            "<span class=\"adjustment\">"
                + escape(signed(s.adjustment()) + " " + s.currency())
                + "</span> (revision "
                + s.revision()
                + "; previous total "
                + escape(s.previousTotal() == null ? "" : s.previousTotal().toPlainString())
                + ")");
      }
    }
    html.append("</dl>\n");
  }

  private void lineTable(StringBuilder html, StatementPage page) {
    html.append("<table class=\"lines\">\n<thead><tr><th>Connection</th><th>Regions</th>")
        .append("<th class=\"num\">Peak Mbps</th><th class=\"num\">Cap Mbps</th>")
        .append("<th class=\"num\">Billed Mbps</th><th class=\"num\">Unit price</th>")
        .append("<th class=\"num\">Amount</th><th class=\"num\">Coverage</th><th>Notes</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (StatementPage.Line line : page.lines()) {
      BillLine bill = line.bill();
      html.append("<tr class=\"line\" data-connection=\"")
          .append(escape(bill.connectionId()))
          .append("\" data-status=\"")
          .append(bill.status())
          .append("\"><td>")
          .append(connectionCell(line))
          .append("</td><td>")
          .append("<span class=\"pair\">")
          .append(escape(line.connection().regionPair()))
          .append("</span><span class=\"note\">")
          .append(escape(bill.pairClass()))
          .append("</span></td>");
      number(html, bill.peakMbps() == null ? "" : mbps(bill.peakMbps()));
      number(html, bill.capMbps() == null ? "" : bill.capMbps().toString());
      number(html, bill.billedMbps().toPlainString());
      number(html, escape(line.unitPrice()));
      html.append("<td class=\"num amount\">")
          .append(escape(bill.amount().toPlainString() + " " + bill.currency()))
          .append("</td>");
      number(html, escape(bill.coverage()));
      html.append("<td>");
      for (String note : LineNotes.of(line, page.day())) {
        html.append("<span class=\"note")
            .append(note.startsWith("failed") ? " failed" : "")
            .append("\">")
            .append(escape(note))
            .append("</span>");
      }
      html.append("</td></tr>\n");
    }
    html.append("</tbody>\n<tfoot>\n");
    for (Statement s : page.totals()) {
      html.append("<tr><td colspan=\"6\">Total</td><td class=\"num\">")
          .append(escape(s.total().toPlainString() + " " + s.currency()))
          .append("</td><td colspan=\"2\"></td></tr>\n");
    }
    html.append("</tfoot>\n</table>\n");
  }

  private void chart(StringBuilder html, StatementPage.Line line) {
    BillLine bill = line.bill();
    String title = title(line) + " · " + line.connection().regionPair();
    html.append("<section class=\"connection-chart\" data-connection=\"")
        .append(escape(bill.connectionId()))
        .append("\">\n<h2>")
        .append(escape(title))
        .append("</h2>\n<p class=\"why\">")
        .append(escape(why(bill)))
        .append("</p>\n")
        .append(charts.render(line.chart(), title))
        .append("</section>\n");
  }

  /** The line's arithmetic in words, e.g. "peak 912.00 Mbps, cap 1000 → billed 912.00 Mbps …". */
  private static String why(BillLine bill) {
    if (bill.status() == LineStatus.REMOVED) {
      return "Not active during the day after all: removed from the bill (its earlier value is"
          + " listed as a revision).";
    }
    if (bill.peakMbps() == null) {
      return "No traffic in the connection's active time: nothing to bill.";
    }
    return "Peak "
        + mbps(bill.peakMbps())
        + " Mbps"
        + (bill.capMbps() == null ? "" : ", highest cap " + bill.capMbps() + " Mbps")
        + " → billed "
        + bill.billedMbps().toPlainString()
        + " Mbps → "
        + bill.amount().toPlainString()
        + " "
        + bill.currency()
        + ".";
  }

  private static String connectionCell(StatementPage.Line line) {
    String id = line.bill().connectionId();
    String name = line.connection().name();
    return escape(name)
        + (name.equals(id) ? "" : "<span class=\"note\"><code>" + escape(id) + "</code></span>");
  }

  private static String title(StatementPage.Line line) {
    String id = line.bill().connectionId();
    String name = line.connection().name();
    return name.equals(id) ? id : name + " (" + id + ")";
  }

  private static void item(StringBuilder html, String term, String definitionHtml) {
    html.append("<dt>").append(term).append("</dt><dd>").append(definitionHtml).append("</dd>\n");
  }

  private static void number(StringBuilder html, String escapedValue) {
    html.append("<td class=\"num\">").append(escapedValue).append("</td>");
  }

  static String mbps(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String signed(BigDecimal value) {
    return (value.signum() > 0 ? "+" : "") + value.toPlainString();
  }
}
