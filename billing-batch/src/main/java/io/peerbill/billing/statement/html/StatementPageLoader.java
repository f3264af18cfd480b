package io.peerbill.billing.statement.html;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.statement.Statement;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Gathers accounts' statement pages for a billing day: their statements, their current lines and,
 * per cross-region line, the day's buckets. A set of pages costs the same few queries whatever the
 * number of accounts and connections in it (the job loads a chunk of accounts at a time).
 */
@Component
public class StatementPageLoader {

  private final DSLContext dsl;
  private final StatementRepository statements;
  private final BillLineRepository lines;
  private final TariffRepository tariffs;
  private final ConnectionDayRepository connectionDays;

  public StatementPageLoader(
      DSLContext dsl,
      StatementRepository statements,
      BillLineRepository lines,
      TariffRepository tariffs,
      ConnectionDayRepository connectionDays) {
    this.dsl = dsl;
    this.statements = statements;
    this.lines = lines;
    this.tariffs = tariffs;
    this.connectionDays = connectionDays;
  }

  /** The accounts with a statement on the day, in order. */
  public List<String> accountsOf(BillingDay day) {
    return statements.statementsOf(day.date(), null).stream()
        .map(Statement::accountId)
        .distinct()
        .toList();
  }

  public StatementPage load(String accountId, BillingDay day) {
    return load(List.of(accountId), day).get(0);
  }

  /** The pages of the given accounts, in their order. */
  public List<StatementPage> load(List<String> accountIds, BillingDay day) {
    List<BillLine> dayLines = lines.linesOfPayers(day.date(), accountIds);
    List<String> ids = dayLines.stream().map(BillLine::connectionId).toList();
    Map<String, StatementConnection> connections = connectionDays.connections(ids);
    List<StatementConnection> charted =
        connections.values().stream().filter(StatementConnection::crossRegion).toList();
    List<String> chartedIds = charted.stream().map(StatementConnection::id).toList();
    Map<String, List<ActiveSpan>> spans = connectionDays.activeSpans(chartedIds, day);
    Map<String, List<Bucket>> buckets = connectionDays.buckets(chartedIds, day);
    Map<String, List<CapStep>> caps = connectionDays.capSteps(charted, day);
    Map<String, List<LineRevision>> revisions = lines.revisionsOf(ids, day.date());
    Map<Long, Tariff> tariffsById =
        tariffs.all().stream().collect(Collectors.toMap(Tariff::id, Function.identity()));

    Map<String, List<StatementPage.Line>> pageLines = new LinkedHashMap<>();
    accountIds.forEach(account -> pageLines.put(account, new ArrayList<>()));
    for (BillLine line : dayLines) {
      String id = line.connectionId();
      StatementConnection connection = connections.get(id);
      TrafficChart chart =
          connection.crossRegion()
              ? new TrafficChart(
                  day,
                  spans.getOrDefault(id, List.of()),
                  buckets.getOrDefault(id, List.of()),
                  caps.getOrDefault(id, List.of()))
              : null;
      pageLines
          .get(line.payerAccountId())
          .add(
              new StatementPage.Line(
                  line,
                  connection,
                  UnitPrice.of(
                      line.tariffId() == null ? null : tariffsById.get(line.tariffId()),
                      line.billedMbps()),
                  revisions.getOrDefault(id, List.of()),
                  chart));
    }
    Map<String, String> names =
        dsl.select(ACCOUNT.ID, ACCOUNT.NAME)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.in(accountIds))
            .fetchMap(ACCOUNT.ID, ACCOUNT.NAME);
    Map<String, List<Statement>> totals =
        statements.statementsOfAccounts(day.date(), accountIds).stream()
            .collect(Collectors.groupingBy(Statement::accountId));
    return accountIds.stream()
        .map(
            account ->
                new StatementPage(
                    account,
                    names.get(account),
                    day,
                    totals.getOrDefault(account, List.of()),
                    pageLines.get(account)))
        .toList();
  }
}
