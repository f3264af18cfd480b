package io.peerbill.metering.sink;

import static io.peerbill.schema.jooq.Tables.REJECTED_SAMPLE;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.Sample;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;

/** The writer of {@link RejectionSink}. */
final class RejectionWriter extends JdbcBatchWriter<Rejection> {

  /** Longer raw input is cut: a rejected line is kept to be read by a person, not replayed. */
  static final int MAX_RAW_CHARS = 65_536;

  private final List<Rejection> buffer = new ArrayList<>();

  RejectionWriter(JdbcTarget database, int batchSize) {
    super(database, batchSize);
  }

  @Override
  void buffer(Rejection rejection) {
    buffer.add(rejection);
  }

  @Override
  int bufferedCount() {
    return buffer.size();
  }

  @Override
  Batch takeBuffered() {
    List<Rejection> rows = new ArrayList<>(buffer);
    buffer.clear();
    return sql -> insert(sql, rows);
  }

  private static void insert(DSLContext sql, List<Rejection> rows) {
    var r = REJECTED_SAMPLE;
    InsertValuesStepN<?> insert =
        sql.insertInto(
            r,
            List.of(
                r.REASON,
                r.DETAIL,
                r.RAW,
                r.SOURCE,
                r.SOURCE_POSITION,
                r.CONNECTION_ID,
                r.REPORTER,
                r.SEQ,
                r.TS,
                r.INTERVAL_MS,
                r.IN_BYTES,
                r.OUT_BYTES,
                r.IN_PACKETS,
                r.OUT_PACKETS,
                r.IN_DROPPED,
                r.OUT_DROPPED));
    for (Rejection j : rows) {
      Sample s = j.sample();
      insert =
          s == null
              ? insert.values(
                  j.reason().name(),
                  clean(j.detail(), 1000),
                  clean(j.raw(), MAX_RAW_CHARS),
                  j.source(),
                  j.position(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null)
              : insert.values(
                  j.reason().name(),
                  clean(j.detail(), 1000),
                  clean(j.raw(), MAX_RAW_CHARS),
                  j.source(),
                  j.position(),
                  clean(s.connectionId(), 1000),
                  clean(s.reporter(), 1000),
                  s.seq(),
                  utc(s.ts()),
                  s.intervalMs(),
                  s.counts().inBytes(),
                  s.counts().outBytes(),
                  s.counts().inPackets(),
                  s.counts().outPackets(),
                  s.counts().inDropped(),
                  s.counts().outDropped());
    }
    insert.onConflict(r.SOURCE, r.SOURCE_POSITION).doNothing().execute();
  }

  private static OffsetDateTime utc(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** PostgreSQL text cannot hold NUL; an input full of them must still be stored, not crash. */
  static String clean(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
    return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', '\uFFFD');
  }
}
