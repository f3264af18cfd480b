package io.peerbill.api.bill;

import io.peerbill.api.error.ApiException;
import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.api.web.Page;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthLineRepository;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementCsvLine;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.statement.html.StatementPageLoader;
import io.peerbill.billing.statement.html.StatementPageWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The paying account's bills (D8): lines of a day or range with their revisions, month lines of its
 * MONTHLY_95TH connections (D13), and the day's statement as JSON, CSV and the HTML page, read
 * through billing's own repositories and page writer.
 */
@RestController
public class BillController {

  static final int MAX_DAYS = 31;

  private final BillLineRepository lines;
  private final MonthLineRepository monthLines;
  private final StatementRepository statements;
  private final StatementPageLoader pages;
  private final BillingProperties properties;

  public BillController(
      BillLineRepository lines,
      MonthLineRepository monthLines,
      StatementRepository statements,
      StatementPageLoader pages,
      BillingProperties properties) {
    this.lines = lines;
    this.monthLines = monthLines;
    this.statements = statements;
    this.pages = pages;
    this.properties = properties;
  }

  /** {@code date}, or {@code from} and {@code to} (inclusive, at most 31 days). */
  @GetMapping("/v1/bills")
  public Page<BillLineView> bills(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    LocalDate first = date != null ? date : from;
    LocalDate last = date != null ? date : to;
    if (first == null || last == null || (date != null && (from != null || to != null))) {
      throw ApiException.invalid("give date, or from and to");
    }
    if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw ApiException.invalid("from..to must be 1 to " + MAX_DAYS + " days");
    }
    List<BillLineView> all = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      List<BillLine> day = lines.linesOf(d, me.actor());
      Map<String, List<LineRevision>> revisions =
          lines.revisionsOf(day.stream().map(BillLine::connectionId).toList(), d);
      day.forEach(
          l -> all.add(BillLineView.of(l, revisions.getOrDefault(l.connectionId(), List.of()))));
    }
    return Page.of(all, offset, limit);
  }

  /**
   * The month lines of the MONTHLY_95TH connections the account pays for (D8, D13), as a monthly
   * run ({@code bill --month}, {@code POST /v1/operator/billing-runs} with a month) left them.
   */
  @GetMapping("/v1/monthly-bills")
  public Page<MonthLineView> monthlyBills(
      @AuthenticationPrincipal ApiPrincipal me,
      @RequestParam YearMonth month,
      @RequestParam(required = false) Integer offset,
      @RequestParam(required = false) Integer limit) {
    LocalDate first = month.atDay(1);
    List<MonthLine> found = List.copyOf(monthLines.of(first, me.actor()).values());
    Map<String, List<LineRevision>> revisions =
        monthLines.revisionsOf(found.stream().map(MonthLine::connectionId).toList(), first);
    return Page.of(
        found.stream()
            .map(l -> MonthLineView.of(l, revisions.getOrDefault(l.connectionId(), List.of())))
            .toList(),
        offset,
        limit);
  }

  public record StatementView(
      String accountId,
      LocalDate billDay,
      String currency,
      int lineCount,
      int failedCount,
      String total,
      String previousTotal,
      String adjustment,
      int revision) {
    static StatementView of(Statement s) {
      return new StatementView(
          s.accountId(),
          s.billDay(),
          s.currency(),
          s.lineCount(),
          s.failedCount(),
          BillLineView.plain(s.total()),
          BillLineView.plain(s.previousTotal()),
          BillLineView.plain(s.adjustment()),
          s.revision());
    }
  }

  /** The day's statement: one per currency, and the lines it totals. */
  public record DayStatement(
      String accountId,
      LocalDate billDay,
      List<StatementView> statements,
      List<BillLineView> lines) {}

  @GetMapping("/v1/statements/{date}")
  public DayStatement statement(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    List<Statement> found = statementsOf(me, date);
    List<BillLine> day = lines.linesOf(date, me.actor());
    Map<String, List<LineRevision>> revisions =
        lines.revisionsOf(day.stream().map(BillLine::connectionId).toList(), date);
    return new DayStatement(
        me.actor(),
        date,
        found.stream().map(StatementView::of).toList(),
        day.stream()
            .map(l -> BillLineView.of(l, revisions.getOrDefault(l.connectionId(), List.of())))
            .toList());
  }

  @GetMapping(value = "/v1/statements/{date}/csv", produces = "text/csv")
  public String statementCsv(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    StringBuilder csv = new StringBuilder(StatementCsvLine.HEADER).append('\n');
    statementsOf(me, date).forEach(s -> csv.append(StatementCsvLine.of(s)).append('\n'));
    return csv.toString();
  }

  /** The statement page of the day, as billing renders it (in the configured billing zone). */
  @GetMapping(value = "/v1/statements/{date}/html", produces = MediaType.TEXT_HTML_VALUE)
  public String statementHtml(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    statementsOf(me, date);
    // In the zone the day was billed in (a re-bill in another zone rewrites every line's zone).
    String zone =
        lines.linesOf(date, me.actor()).stream()
            .map(BillLine::zone)
            .findFirst()
            .orElse(properties.zone().getId());
    BillingDay day = new BillingDay(date, java.time.ZoneId.of(zone));
    return new StatementPageWriter().write(pages.load(me.actor(), day));
  }

  private List<Statement> statementsOf(ApiPrincipal me, LocalDate date) {
    List<Statement> found = statements.statementsOf(date, me.actor());
    if (found.isEmpty()) {
      throw ApiException.notFound(
          "NO_STATEMENT", "account " + me.actor() + " has no statement for " + date);
    }
    return found;
  }
}
