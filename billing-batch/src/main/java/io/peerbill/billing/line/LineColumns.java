package io.peerbill.billing.line;

import static io.peerbill.schema.jooq.Tables.BILL_LINE;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The columns of a bill line as arrays, one element per line, for a set-based insert: {@code
 * unnest(connection_ids, bill_days, …)} yields one row per line. The order of {@link #FIELDS} is
 * the order of the arrays, followed by revision, job execution and billing time.
 */
final class LineColumns {

  private record Column<T>(Field<?> field, DataType<T> type, Function<BillLine, T> value) {}

  private static final List<Column<?>> COLUMNS =
      List.of(
          text(BILL_LINE.CONNECTION_ID, BillLine::connectionId),
          new Column<>(BILL_LINE.BILL_DAY, SQLDataType.LOCALDATE, BillLine::billDay),
          text(BILL_LINE.ZONE, BillLine::zone),
          text(BILL_LINE.PAYER_ACCOUNT_ID, BillLine::payerAccountId),
          text(BILL_LINE.PAIR_CLASS, BillLine::pairClass),
          text(BILL_LINE.STATUS, line -> line.status().name()),
          number(BILL_LINE.PEAK_MBPS, BillLine::peakMbps),
          integer(BILL_LINE.CAP_MBPS, BillLine::capMbps),
          number(BILL_LINE.BILLED_MBPS, BillLine::billedMbps),
          new Column<>(BILL_LINE.TARIFF_ID, SQLDataType.BIGINT, BillLine::tariffId),
          number(BILL_LINE.AMOUNT, BillLine::amount),
          text(BILL_LINE.CURRENCY, BillLine::currency),
          integer(BILL_LINE.BUCKETS_WITH_DATA, BillLine::bucketsWithData),
          integer(BILL_LINE.BUCKETS_ACTIVE, BillLine::bucketsActive),
          text(BILL_LINE.FAILURE_REASON, BillLine::failureReason));

  static final List<Field<?>> FIELDS =
      Stream.concat(
              COLUMNS.stream().map(Column::field),
              Stream.of(BILL_LINE.REVISION, BILL_LINE.JOB_EXECUTION_ID, BILL_LINE.BILLED_AT))
          .toList();

  private LineColumns() {}

  /** {@code unnest(?::text[], ?::date[], …)}: the lines as rows, in the order of the arrays. */
  static Table<?> unnest(List<? extends BillLine> lines) {
    StringBuilder template = new StringBuilder("unnest(");
    Object[] arrays = new Object[COLUMNS.size()];
    for (int i = 0; i < arrays.length; i++) {
      template.append(i == 0 ? "{" : ", {").append(i).append('}');
      arrays[i] = array(COLUMNS.get(i), lines);
    }
    return DSL.table(template.append(')').toString(), arrays);
  }

  private static <T> Field<T[]> array(Column<T> column, List<? extends BillLine> lines) {
    DataType<T[]> arrayType = column.type().array();
    @SuppressWarnings("unchecked")
    T[] values = (T[]) Array.newInstance(column.type().getType(), lines.size());
    for (int i = 0; i < values.length; i++) {
      values[i] = column.value().apply(lines.get(i));
    }
    return DSL.cast(DSL.val(values, arrayType), arrayType);
  }

  private static Column<String> text(Field<String> field, Function<BillLine, String> value) {
    return new Column<>(field, SQLDataType.CLOB, value);
  }

  private static Column<BigDecimal> number(
      Field<BigDecimal> field, Function<BillLine, BigDecimal> value) {
    return new Column<>(field, SQLDataType.NUMERIC, value);
  }

  private static Column<Integer> integer(Field<Integer> field, Function<BillLine, Integer> value) {
    return new Column<>(field, SQLDataType.INTEGER, value);
  }
}
