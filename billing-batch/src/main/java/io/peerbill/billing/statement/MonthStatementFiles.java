package io.peerbill.billing.statement;

import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingProperties;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthLineRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A billed month's statement files beside the daily ones: {@code statements-2026-11.csv} (per
 * account and currency: total, previous total, adjustment, as a day's file) and {@code
 * month-lines-2026-11.csv} (per line: the 95th, its cap and price, points in the month, points
 * dropped, the billed point's time, active days of days in the month). Written whole to a temporary
 * file, then moved.
 */
@Component
public class MonthStatementFiles {

  static final String LINE_HEADER =
      "account_id,connection_id,bill_month,zone,status,p95_mbps,cap_mbps,billed_mbps,amount,"
          + "currency,points,points_dropped,billed_point_at,active_days,days_in_month,failure";

  private final MonthStatementRepository statements;
  private final MonthLineRepository lines;
  private final BillingProperties properties;

  public MonthStatementFiles(
      MonthStatementRepository statements,
      MonthLineRepository lines,
      BillingProperties properties) {
    this.statements = statements;
    this.lines = lines;
    this.properties = properties;
  }

  /** The statement file of a month, e.g. statements-2026-11.csv. */
  public static String statementName(BillingMonth month) {
    return "statements-" + month.month() + ".csv";
  }

  /** The line file of a month, e.g. month-lines-2026-11.csv. */
  public static String linesName(BillingMonth month) {
    return "month-lines-" + month.month() + ".csv";
  }

  public void write(BillingMonth month) {
    LocalDate first = month.month().atDay(1);
    // As the days' statement files, bill_day being the month's first day.
    List<String> statementRows = new ArrayList<>(List.of(StatementCsvLine.HEADER));
    statements.statementsOf(first).forEach(s -> statementRows.add(StatementCsvLine.of(s)));
    List<String> lineRows = new ArrayList<>(List.of(LINE_HEADER));
    lines.of(first, null).values().stream()
        .sorted(
            java.util.Comparator.comparing(MonthLine::payerAccountId)
                .thenComparing(MonthLine::connectionId))
        .forEach(l -> lineRows.add(row(l)));
    write(properties.statementDir().resolve(statementName(month)), statementRows);
    write(properties.statementDir().resolve(linesName(month)), lineRows);
  }

  private static String row(MonthLine l) {
    return String.join(
        ",",
        l.payerAccountId(),
        l.connectionId(),
        l.billMonth().toString().substring(0, 7),
        l.zone(),
        l.status().name(),
        plain(l.p95Mbps()),
        l.capMbps() == null ? "" : l.capMbps().toString(),
        plain(l.billedMbps()),
        plain(l.amount()),
        l.currency(),
        Integer.toString(l.points()),
        Integer.toString(l.pointsDropped()),
        l.billedPointAt() == null ? "" : l.billedPointAt().toString(),
        Integer.toString(l.activeDays()),
        Integer.toString(l.daysInMonth()),
        // A reason is prose: quoted, its own quotes doubled.
        l.failureReason() == null ? "" : "\"" + l.failureReason().replace("\"", "\"\"") + "\"");
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }

  private static void write(Path file, List<String> rows) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, rows, StandardCharsets.UTF_8);
      Files.move(
          temporary,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
