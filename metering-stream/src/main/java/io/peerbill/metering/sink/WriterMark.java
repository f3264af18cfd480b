package io.peerbill.metering.sink;

import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * How far one writer (a sink subtask of one stream) has written final buckets: its row of {@code
 * metering_watermark}, written in the same transaction as the rows it covers. "Final through" is
 * the event-time watermark less the allowed lateness; once a bounded input has ended it is the end
 * of the newest bucket written, and the row is marked finished (it holds billing back no more).
 * Billing reads the minimum over running writers, so one subtask or job can never vouch for rows
 * another has not written yet.
 */
final class WriterMark {

  /** What to write: null when nothing changed. */
  record Value(long finalThrough, boolean finished) {}

  /** The value of a writer that has made nothing final yet. */
  static final OffsetDateTime NOTHING_FINAL =
      OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final String stream;
  private final int writer;
  private final long latenessMs;

  private long watermark = Long.MIN_VALUE;
  private long newestBucketEnd = Long.MIN_VALUE;
  private boolean news;

  WriterMark(String stream, int writer, long latenessMs) {
    this.stream = stream;
    this.writer = writer;
    this.latenessMs = latenessMs;
  }

  /**
   * Registers the stream's writers 0..{@code writers}-1 of job {@code job} as running (an earlier
   * run's rows keep their value) and forgets rows of writers a run at a higher parallelism left
   * behind. Every subtask does this when it opens, so no subtask can publish before its siblings
   * are counted; a sibling opening after another finished leaves that one finished.
   */
  static void register(DSLContext sql, String stream, int writers, String job) {
    for (int i = 0; i < writers; i++) {
      sql.insertInto(METERING_WATERMARK)
          .set(METERING_WATERMARK.STREAM, stream)
          .set(METERING_WATERMARK.WRITER, i)
          .set(METERING_WATERMARK.COMPLETE_UNTIL, NOTHING_FINAL)
          .set(METERING_WATERMARK.FINISHED, false)
          .set(METERING_WATERMARK.JOB, job)
          .onConflict(METERING_WATERMARK.STREAM, METERING_WATERMARK.WRITER)
          .doUpdate()
          .set(METERING_WATERMARK.FINISHED, false)
          .set(METERING_WATERMARK.JOB, job)
          .set(METERING_WATERMARK.UPDATED_AT, DSL.currentOffsetDateTime())
          .where(METERING_WATERMARK.JOB.isDistinctFrom(job))
          .execute();
    }
    sql.deleteFrom(METERING_WATERMARK)
        .where(METERING_WATERMARK.STREAM.eq(stream))
        .and(METERING_WATERMARK.WRITER.ge(writers))
        .execute();
  }

  void advance(long watermark) {
    if (watermark > this.watermark) {
      this.watermark = watermark;
      news = true;
    }
  }

  /** A sample of the bucket ending at {@code bucketEnd} is in the buffer. */
  void saw(long bucketEnd) {
    newestBucketEnd = Math.max(newestBucketEnd, bucketEnd);
  }

  boolean hasNews() {
    return news;
  }

  /**
   * The mark as of now: every row that arrived before the watermark is in this batch or an earlier
   * one, so writing it with this batch never runs ahead.
   */
  Value take() {
    if (!news) {
      return null;
    }
    news = false;
    if (watermark == Long.MAX_VALUE) {
      return new Value(newestBucketEnd, true);
    }
    return new Value(watermark - latenessMs, false);
  }

  /** The value only ever moves forward; a finished run's row stops holding billing back. */
  void write(DSLContext sql, Value value) {
    if (value == null) {
      return;
    }
    OffsetDateTime through =
        value.finalThrough() == Long.MIN_VALUE
            ? NOTHING_FINAL
            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(value.finalThrough()), ZoneOffset.UTC);
    sql.insertInto(METERING_WATERMARK)
        .set(METERING_WATERMARK.STREAM, stream)
        .set(METERING_WATERMARK.WRITER, writer)
        .set(METERING_WATERMARK.COMPLETE_UNTIL, through)
        .set(METERING_WATERMARK.FINISHED, value.finished())
        .onConflict(METERING_WATERMARK.STREAM, METERING_WATERMARK.WRITER)
        .doUpdate()
        .set(
            METERING_WATERMARK.COMPLETE_UNTIL,
            DSL.greatest(
                METERING_WATERMARK.COMPLETE_UNTIL, DSL.excluded(METERING_WATERMARK.COMPLETE_UNTIL)))
        .set(METERING_WATERMARK.FINISHED, value.finished())
        .set(METERING_WATERMARK.UPDATED_AT, DSL.currentOffsetDateTime())
        .execute();
  }
}
