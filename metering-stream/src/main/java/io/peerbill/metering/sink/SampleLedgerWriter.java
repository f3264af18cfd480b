package io.peerbill.metering.sink;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.aggregate.Buckets;
import io.peerbill.metering.model.Sample;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;

/**
 * Adds samples to traffic_5m (and traffic_1m when kept) exactly once across every run (DESIGN.md
 * "Exact across runs"). One transaction per batch: the ledger rows of the batch's (connection,
 * reporter, day) keys are locked, the samples they hold already are skipped, the rest are summed
 * into their buckets and added to the stored rows, their seqs join the ledger, and the writer's
 * "final through" mark moves on. Whatever Flink replays after a restore, or a later run sends
 * again, the ledger has it and nothing is added twice; a sample never seen before is added, on time
 * or not.
 */
final class SampleLedgerWriter extends JdbcBatchWriter<Sample> {

  private final List<Sample> buffer = new ArrayList<>();

  /** Ledger keys this writer has created or seen, so most batches insert none (writer thread). */
  private final Set<LedgerBatch.Key> knownKeys = new HashSet<>();

  private final TrafficPartitions partitions = new TrafficPartitions();
  private final WriterMark mark;
  private final boolean minuteBuckets;
  private final int retentionDays;
  private LocalDate retentionDoneFor;

  /** Samples of written batches: newly counted, and skipped as counted before. */
  private final AtomicLong counted = new AtomicLong();

  private final AtomicLong alreadyCounted = new AtomicLong();

  SampleLedgerWriter(
      JdbcTarget database,
      int batchSize,
      boolean minuteBuckets,
      int retentionDays,
      WriterMark mark) {
    super(database, batchSize);
    this.minuteBuckets = minuteBuckets;
    this.retentionDays = retentionDays;
    this.mark = mark;
  }

  @Override
  public void writeWatermark(Watermark watermark) {
    mark.advance(watermark.getTimestamp());
  }

  /** No more input will come: the next batch marks this writer finished. */
  void endOfInput() {
    mark.advance(Long.MAX_VALUE);
  }

  @Override
  boolean hasOtherWork() {
    return mark.hasNews();
  }

  @Override
  void buffer(Sample s) {
    mark.saw(Buckets.start(s.countedAt(), Buckets.MINUTE_MS) + Buckets.MINUTE_MS);
    buffer.add(s);
  }

  @Override
  int bufferedCount() {
    return buffer.size();
  }

  /** Counts of the batches written since the last call: [counted, already counted]. */
  long[] takeCounts() {
    return new long[] {counted.getAndSet(0), alreadyCounted.getAndSet(0)};
  }

  /** Grouping and the database work both happen on the writer thread, beside the task's. */
  @Override
  Batch takeBuffered() {
    List<Sample> samples = new ArrayList<>(buffer);
    buffer.clear();
    WriterMark.Value through = mark.take();
    return sql -> {
      applyRetention(sql);
      if (!samples.isEmpty()) {
        LedgerBatch batch = new LedgerBatch(samples);
        List<LedgerBatch.Key> newKeys = new ArrayList<>();
        Set<Integer> days = new HashSet<>();
        for (LedgerBatch.Key key : batch.keys()) {
          if (knownKeys.add(key)) {
            newKeys.add(key);
          }
          days.add(key.day());
        }
        if (knownKeys.size() > 1_000_000) {
          knownKeys.clear(); // a cache only: forgotten keys are inserted again, which is a no-op
        }
        for (int day : days) {
          partitions.ensure(sql, LocalDate.ofEpochDay(day));
        }
        sql.connection(
            c -> {
              insertKeys(c, newKeys);
              long fresh = batch.add(c, minuteBuckets);
              counted.addAndGet(fresh);
              alreadyCounted.addAndGet(samples.size() - fresh);
            });
      }
      mark.write(sql, through);
    };
  }

  private void applyRetention(org.jooq.DSLContext sql) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    if (retentionDays > 0 && !today.equals(retentionDoneFor)) {
      TrafficPartitions.dropExpired(sql, today, retentionDays);
      retentionDoneFor = today;
    }
  }

  /** Ledger rows exist before they are locked, so concurrent writers of one key serialize. */
  private static void insertKeys(java.sql.Connection c, List<LedgerBatch.Key> keys)
      throws java.sql.SQLException {
    if (keys.isEmpty()) {
      return;
    }
    String[] connections = new String[keys.size()];
    String[] reporters = new String[keys.size()];
    int[] days = new int[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      connections[i] = keys.get(i).connection();
      reporters[i] = keys.get(i).reporter();
      days[i] = keys.get(i).day();
    }
    try (PreparedStatement insert = c.prepareStatement(LedgerSql.INSERT_KEYS)) {
      insert.setObject(1, connections);
      insert.setObject(2, reporters);
      insert.setObject(3, days);
      insert.executeUpdate();
    }
  }
}
