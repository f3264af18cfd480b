package io.peerbill.metering.sink;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.model.TrafficAggregate;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
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

  /** The upsert of each table, rendered once: only the bound arrays change from batch to batch. */
  private static final Map<Table<?>, String> UPSERTS =
      Map.of(TRAFFIC_1M, upsertStatement(TRAFFIC_1M), TRAFFIC_5M, upsertStatement(TRAFFIC_5M));

  private record BucketKey(int periodSeconds, String connectionId, long bucketStart) {}

  /** Latest emission per (period, connection, bucket): a corrected bucket replaces its first. */
  private final Map<BucketKey, TrafficAggregate> buffer = new LinkedHashMap<>();

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
    buffer.put(new BucketKey(a.periodSeconds(), a.connectionId(), a.bucketStart()), a);
  }

  @Override
  int bufferedCount() {
    return buffer.size();
  }

  /**
   * The rows and the watermark as they are now: every row that arrived before the watermark is in
   * this batch or an earlier one, so writing the watermark with this batch never runs ahead.
   */
  @Override
  Batch takeBuffered() {
    List<TrafficAggregate> minutes = new ArrayList<>();
    List<TrafficAggregate> fives = new ArrayList<>();
    for (TrafficAggregate a : buffer.values()) {
      (a.periodSeconds() == TrafficAggregate.MINUTE ? minutes : fives).add(a);
    }
    buffer.clear();
    long completeUntil = watermarkWritten ? Long.MIN_VALUE : completeUntil();
    watermarkWritten = true;
    return sql -> {
      applyRetention(sql);
      for (List<TrafficAggregate> rows : List.of(minutes, fives)) {
        for (TrafficAggregate a : rows) {
          partitions.ensure(sql, TrafficPartitions.utcDay(a.bucketStart()));
        }
      }
      upsert(sql, TRAFFIC_1M, minutes);
      upsert(sql, TRAFFIC_5M, fives);
      recordWatermark(sql, completeUntil);
    };
  }

  /**
   * Every bucket ending at or before the watermark minus the allowed lateness is final. At the end
   * of a bounded input Flink sends the maximum watermark; what is known then is only as far as the
   * input reached.
   */
  private long completeUntil() {
    return watermark == Long.MAX_VALUE ? newestBucketEnd : watermark;
  }

  /** Subtasks race to the same row, so it only ever moves forward. */
  private static void recordWatermark(DSLContext sql, long completeUntil) {
    if (completeUntil == Long.MIN_VALUE) {
      return;
    }
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
                METERING_WATERMARK.COMPLETE_UNTIL, DSL.excluded(METERING_WATERMARK.COMPLETE_UNTIL)))
        .set(METERING_WATERMARK.UPDATED_AT, DSL.currentOffsetDateTime())
        .execute();
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
   * and are unnested by PostgreSQL. jOOQ renders the statement; the arrays are bound directly so
   * the driver sends them in binary (jOOQ would format every number of them as text).
   */
  private static void upsert(DSLContext sql, Table<?> table, List<TrafficAggregate> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    String[] ids = new String[n];
    long[][] numbers = new long[7][n];
    int[] samples = new int[n];
    for (int i = 0; i < n; i++) {
      TrafficAggregate a = rows.get(i);
      ids[i] = a.connectionId();
      numbers[0][i] = a.bucketStart();
      numbers[1][i] = a.inBytes();
      numbers[2][i] = a.outBytes();
      numbers[3][i] = a.inPackets();
      numbers[4][i] = a.outPackets();
      numbers[5][i] = a.inDropped();
      numbers[6][i] = a.outDropped();
      samples[i] = a.sampleCount();
    }
    sql.connection(
        c -> {
          try (PreparedStatement upsert = c.prepareStatement(UPSERTS.get(table))) {
            upsert.setObject(1, ids);
            for (int k = 0; k < numbers.length; k++) {
              upsert.setObject(2 + k, numbers[k]);
            }
            upsert.setObject(9, samples);
            upsert.executeUpdate();
          }
        });
  }

  private static String upsertStatement(Table<?> table) {
    DSLContext sql = DSL.using(SQLDialect.POSTGRES);
    List<Field<?>> columns = COLUMNS.stream().<Field<?>>map(table::field).toList();
    Table<?> rows =
        DSL.table(
            "unnest(?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
                + " ?::int8[], ?::int4[]) as r(c, t, ib, ob, ip, op, id, od, n)");
    Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
    for (Field<?> column : columns.subList(2, columns.size())) {
      updates.put(column, DSL.excluded(column));
    }
    updates.put(table.field(TRAFFIC_1M.UPDATED_AT), DSL.currentOffsetDateTime());
    return sql.insertInto(table, columns)
        .select(
            DSL.select(
                    DSL.field("r.c"),
                    DSL.field("to_timestamp(r.t / 1000.0)"),
                    DSL.field("r.ib"),
                    DSL.field("r.ob"),
                    DSL.field("r.ip"),
                    DSL.field("r.op"),
                    DSL.field("r.id"),
                    DSL.field("r.od"),
                    DSL.field("r.n"))
                .from(rows))
        .onConflict(columns.get(0), columns.get(1))
        .doUpdate()
        .set(updates)
        .getSQL();
  }
}
