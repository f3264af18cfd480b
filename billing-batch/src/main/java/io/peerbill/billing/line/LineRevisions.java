package io.peerbill.billing.line;

import io.peerbill.billing.line.BillLineRepository.LineRevision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Reads the earlier values kept for day lines and for month lines: both revision tables keep them
 * under the same column names (connection, revision, amount, reason), keyed by their period.
 */
public final class LineRevisions {

  private LineRevisions() {}

  /** The revisions of the given connections' lines of one period, by connection, oldest first. */
  public static Map<String, List<LineRevision>> of(
      DSLContext dsl,
      Table<?> revisions,
      Field<LocalDate> period,
      LocalDate value,
      Collection<String> connectionIds) {
    Field<String> connection = column(revisions, "connection_id", String.class);
    Field<Integer> revision = column(revisions, "revision", Integer.class);
    Field<BigDecimal> amount = column(revisions, "amount", BigDecimal.class);
    Field<String> reason = column(revisions, "reason", String.class);
    Map<String, List<LineRevision>> byConnection = new LinkedHashMap<>();
    dsl.select(connection, revision, amount, reason)
        .from(revisions)
        .where(connection.in(connectionIds))
        .and(period.eq(value))
        .orderBy(connection, revision)
        .fetch()
        .forEach(
            r ->
                byConnection
                    .computeIfAbsent(r.value1(), id -> new ArrayList<>())
                    .add(new LineRevision(r.value2(), r.value3(), r.value4())));
    return byConnection;
  }

  private static <T> Field<T> column(Table<?> table, String name, Class<T> type) {
    Field<T> field = table.field(name, type);
    if (field == null) {
      throw new IllegalArgumentException(table.getName() + " has no column " + name);
    }
    return field;
  }
}
