package io.peerbill.metering.sink;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.TrafficAggregate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The writer of {@link TrafficUpsertSink}: one upsert statement per table and batch, and, in the
 * same transaction, how far the stream's event time has come ({@code metering_watermark}), so the
 * billing job never sees a watermark ahead of the rows it covers.
 */
final class TrafficUpsertWriter extends JdbcBatchWriter<TrafficAggregate> {

  /** The row of metering_watermark this job advances (billing takes the minimum over rows). */
  static final String STREAM = "metering";

  private static final List<Field<?>> COLUMNS =
      List.of(
          TRAFFIC_1M.CONNECTION_ID,
          TRAFFIC_1M.BUCKET_START,
          TRAFFIC_1M.IN_BYTES,
          TRAFFIC_1M.OUT_BYTES,
          TRAFFIC_1M.IN_PACKETS,
          TRAFFIC_1M.OUT_PACKETS,
          TRAFFIC_1M.IN_DROPPED,
          TRAFFIC_1M.OUT_DROPPED,
          TRAFFIC_1M.SAMPLE_COUNT);

  /** Latest emission per (period, connection, bucket): a corrected bucket replaces its first. */
  private final Map<String, TrafficAggregate> buffer = new LinkedHashMap<>();

  private final TrafficPartitions partitions = new TrafficPartitions();
  private final int retentionDays;
  private LocalDate retentionDoneFor;

  /** The newest event-time watermark received, and whether it is written yet. */
  private long watermark = Long.MIN_VALUE;

  private boolean watermarkWritten = true;

  /** End of the newest bucket received: how far a finished bounded input actually reached. */
  private long newestBucketEnd = Long.MIN_VALUE;

  TrafficUpsertWriter(JdbcTarget database, int batchSize, int retentionDays) {
    super(database, batchSize);
    this.retentionDays = retentionDays;
  }

  @Override
  public void writeWatermark(Watermark mark) {
    if (mark.getTimestamp() > watermark) {
      watermark = mark.getTimestamp();
      watermarkWritten = false;
    }
  }

  @Override
  boolean hasOtherWork() {
    return !watermarkWritten;
  }

  @Override
  void buffer(TrafficAggregate a) {
    newestBucketEnd = Math.max(newestBucketEnd, a.bucketStart() + a.periodSeconds() * 1000L);
    buffer.put(a.periodSeconds() + "|" + a.connectionId() + "|" + a.bucketStart(), a);
  }

  @Override
  Collection<?> buffered() {
    return buffer.values();
  }

  @Override
  void writeBuffered(DSLContext sql) {
    applyRetention(sql);
    List<TrafficAggregate> minutes = new ArrayList<>();
    List<TrafficAggregate> fives = new ArrayList<>();
    for (TrafficAggregate a : buffer.values()) {
      partitions.ensure(sql, TrafficPartitions.utcDay(a.bucketStart()));
      (a.periodSeconds() == TrafficAggregate.MINUTE ? minutes : fives).add(a);
    }
    upsert(sql, TRAFFIC_1M, minutes);
    upsert(sql, TRAFFIC_5M, fives);
    recordWatermark(sql);
  }

  /**
   * Every bucket ending at or before the watermark minus the allowed lateness is final. At the end
   * of a bounded input Flink sends the maximum watermark; what is known then is only as far as the
   * input reached. Subtasks race to the same row, so it only ever moves forward.
   */
  private void recordWatermark(DSLContext sql) {
    if (watermark == Long.MIN_VALUE) {
      return;
    }
    long completeUntil = watermark == Long.MAX_VALUE ? newestBucketEnd : watermark;
    if (completeUntil != Long.MIN_VALUE) {
      OffsetDateTime until =
          OffsetDateTime.ofInstant(Instant.ofEpochMilli(completeUntil), ZoneOffset.UTC);
      sql.insertInto(METERING_WATERMARK)
          .set(METERING_WATERMARK.STREAM, STREAM)
          .set(METERING_WATERMARK.COMPLETE_UNTIL, until)
          .onConflict(METERING_WATERMARK.STREAM)
          .doUpdate()
          .set(
              METERING_WATERMARK.COMPLETE_UNTIL,
              DSL.greatest(
                  METERING_WATERMARK.COMPLETE_UNTIL,
                  DSL.excluded(METERING_WATERMARK.COMPLETE_UNTIL)))
          .set(METERING_WATERMARK.UPDATED_AT, DSL.currentOffsetDateTime())
          .execute();
    }
    watermarkWritten = true;
  }

  private void applyRetention(DSLContext sql) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (retentionDays > 0 && !today.equals(retentionDoneFor)) {
      TrafficPartitions.dropExpired(sql, today, retentionDays);
      retentionDoneFor = today;
    }
  }

  /**
   * One statement per table and batch whatever its size: the rows travel as one array per column
   * and are unnested by PostgreSQL, so neither jOOQ nor the server handles thousands of bind
   * values.
   */
  private static void upsert(DSLContext sql, Table<?> table, List<TrafficAggregate> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    String[] ids = new String[n];
    OffsetDateTime[] starts = new OffsetDateTime[n];
    Long[][] counters = new Long[6][n];
    Integer[] samples = new Integer[n];
    for (int i = 0; i < n; i++) {
      TrafficAggregate a = rows.get(i);
      ids[i] = a.connectionId();
      starts[i] = OffsetDateTime.ofInstant(Instant.ofEpochMilli(a.bucketStart()), ZoneOffset.UTC);
      counters[0][i] = a.inBytes();
      counters[1][i] = a.outBytes();
      counters[2][i] = a.inPackets();
      counters[3][i] = a.outPackets();
      counters[4][i] = a.inDropped();
      counters[5][i] = a.outDropped();
      samples[i] = a.sampleCount();
    }
    List<Field<?>> columns = COLUMNS.stream().<Field<?>>map(table::field).toList();
    Table<?> unnested =
        DSL.table(
            "unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})",
            DSL.val(ids),
            DSL.val(starts),
            DSL.val(counters[0]),
            DSL.val(counters[1]),
            DSL.val(counters[2]),
            DSL.val(counters[3]),
            DSL.val(counters[4]),
            DSL.val(counters[5]),
            DSL.val(samples));
    Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
    for (Field<?> column : columns.subList(2, columns.size())) {
      updates.put(column, DSL.excluded(column));
    }
    updates.put(table.field(TRAFFIC_1M.UPDATED_AT), DSL.currentOffsetDateTime());
    sql.insertInto(table, columns)
        .select(DSL.select(DSL.asterisk()).from(unnested))
        .onConflict(columns.get(0), columns.get(1))
        .doUpdate()
        .set(updates)
        .execute();
  }
}
