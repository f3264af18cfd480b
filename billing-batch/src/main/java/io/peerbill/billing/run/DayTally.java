package io.peerbill.billing.run;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.LineStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * A billing day's lines counted by status and summed by currency in the database, and its failed
 * lines: what a run reports, without fetching every line of the day (100,000 at scale).
 */
@Component
public class DayTally {

  private final DSLContext dsl;
  private final BillLineRepository lines;

  public DayTally(DSLContext dsl, BillLineRepository lines) {
    this.dsl = dsl;
    this.lines = lines;
  }

  /** Lines of the day by status. */
  public Map<LineStatus, Integer> byStatus(LocalDate day) {
    Map<LineStatus, Integer> counts = new EnumMap<>(LineStatus.class);
    dsl.select(BILL_LINE.STATUS, count())
        .from(BILL_LINE)
        .where(BILL_LINE.BILL_DAY.eq(day))
        .groupBy(BILL_LINE.STATUS)
        .forEach(row -> counts.put(LineStatus.valueOf(row.value1()), row.value2()));
    return counts;
  }

  /** The day's amounts summed per currency. */
  public Map<String, BigDecimal> totalByCurrency(LocalDate day) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    dsl.select(BILL_LINE.CURRENCY, sum(BILL_LINE.AMOUNT))
        .from(BILL_LINE)
        .where(BILL_LINE.BILL_DAY.eq(day))
        .groupBy(BILL_LINE.CURRENCY)
        .forEach(row -> totals.put(row.value1(), row.value2()));
    return totals;
  }

  /** The day's FAILED lines, with their reasons. */
  public List<BillLine> failed(LocalDate day) {
    return lines.linesWithStatus(day, LineStatus.FAILED);
  }
}
