package io.peerbill.billing.statement.html;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.statement.StatementRepository;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Gathers one account's statement page for a billing day: its statements, its current lines and,
 * per cross-region line, the day's buckets (one query per connection-day).
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
        .map(s -> s.accountId())
        .distinct()
        .toList();
  }

  public StatementPage load(String accountId, BillingDay day) {
    List<BillLine> accountLines = lines.linesOf(day.date(), accountId);
    Map<String, ConnectionInfo> connections =
        connectionDays.connections(accountLines.stream().map(BillLine::connectionId).toList());
    Map<Long, Tariff> tariffsById =
        tariffs.all().stream().collect(Collectors.toMap(Tariff::id, Function.identity()));
    List<StatementPage.Line> pageLines = new ArrayList<>();
    for (BillLine line : accountLines) {
      ConnectionInfo connection = connections.get(line.connectionId());
      pageLines.add(
          new StatementPage.Line(
              line,
              connection,
              UnitPrice.of(
                  line.tariffId() == null ? null : tariffsById.get(line.tariffId()),
                  line.billedMbps()),
              lines.revisionsOf(line.connectionId(), day.date()),
              connection.crossRegion() ? chart(connection, day) : null));
    }
    String name =
        dsl.select(ACCOUNT.NAME)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.eq(accountId))
            .fetchOne(ACCOUNT.NAME);
    return new StatementPage(
        accountId, name, day, statements.statementsOf(day.date(), accountId), pageLines);
  }

  private TrafficChart chart(ConnectionInfo connection, BillingDay day) {
    return new TrafficChart(
        day,
        connectionDays.activeSpans(connection.id(), day),
        connectionDays.buckets(connection.id(), day),
        connectionDays.capSteps(connection.id(), day, connection.currentCapMbps()));
  }
}
