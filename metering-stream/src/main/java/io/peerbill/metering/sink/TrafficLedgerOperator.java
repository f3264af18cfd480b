package io.peerbill.metering.sink;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.metering.RunCounter;
import io.peerbill.metering.model.Sample;
import java.sql.Connection;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The billing-grade end of the job: every deduplicated sample, on time or late, goes to {@link
 * SampleLedgerWriter}, which adds it to PostgreSQL exactly once. An operator rather than a sink so
 * that it can count: a sample is accepted when its batch commits and the ledger did not hold it, a
 * duplicate when it did (a replay, a resend, a restart). Like a sink it writes everything it has
 * before each checkpoint barrier and at the end of input.
 */
public final class TrafficLedgerOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Sample, Void>, BoundedOneInput {

  private final JdbcTarget database;
  private final int batchSize;
  private final boolean minuteBuckets;
  private final int retentionDays;
  private final String stream;
  private final long latenessMs;

  private transient SampleLedgerWriter writer;
  private transient RunCounter accepted;
  private transient RunCounter duplicates;

  /**
   * @param minuteBuckets whether traffic_1m is written besides traffic_5m
   * @param stream the name this stream's completeness marks are kept under (one row per subtask)
   * @param latenessMs the allowed lateness: buckets are final that long after the watermark
   */
  public TrafficLedgerOperator(
      JdbcTarget database,
      int batchSize,
      boolean minuteBuckets,
      int retentionDays,
      String stream,
      long latenessMs) {
    this.database = database;
    this.batchSize = batchSize;
    this.minuteBuckets = minuteBuckets;
    this.retentionDays = retentionDays;
    this.stream = stream;
    this.latenessMs = latenessMs;
  }

  @Override
  public void open() throws Exception {
    super.open();
    TaskInfo task = getRuntimeContext().getTaskInfo();
    try (Connection c = database.connect()) {
      WriterMark.register(
          DSL.using(c, SQLDialect.POSTGRES),
          stream,
          task.getNumberOfParallelSubtasks(),
          getRuntimeContext().getJobInfo().getJobId().toString());
    }
    writer =
        new SampleLedgerWriter(
            database,
            batchSize,
            minuteBuckets,
            retentionDays,
            new WriterMark(stream, task.getIndexOfThisSubtask(), latenessMs));
    accepted = RunCounter.register(getRuntimeContext(), RunCounter.ACCEPTED);
    duplicates = RunCounter.register(getRuntimeContext(), RunCounter.ALREADY_COUNTED);
  }

  @Override
  public void processElement(StreamRecord<Sample> element) throws Exception {
    writer.write(element.getValue(), null);
    count();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    writer.writeWatermark(new org.apache.flink.api.common.eventtime.Watermark(mark.getTimestamp()));
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    writer.flush(false);
    count();
  }

  /** The input has ended: this writer has written all it ever will (whatever watermark came). */
  @Override
  public void endInput() throws Exception {
    writer.endOfInput();
    writer.flush(true);
    count();
  }

  private void count() {
    long[] counts = writer.takeCounts();
    accepted.add(counts[0]);
    duplicates.add(counts[1]);
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      writer.close();
    }
    super.close();
  }
}
