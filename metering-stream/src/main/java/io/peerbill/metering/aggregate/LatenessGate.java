package io.peerbill.metering.aggregate;

import io.peerbill.metering.model.Sample;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides, once and for good, whether a sample is late: when the bounded-out-of-orderness watermark
 * of its input has passed the end of its 1-minute bucket plus the allowed lateness, the bucket of
 * the monitoring series is final and the sample leaves on {@link #LATE} (it is still added to
 * PostgreSQL's traffic, only not to the series).
 *
 * <p>It runs chained right after the watermark assigner and tracks that watermark itself, in
 * checkpointed state, instead of reading Flink's: the decision then depends only on the order of
 * its own input, so a restored job (whose watermarks restart from nothing) decides exactly as the
 * undisturbed run did. Flink's watermark downstream never runs ahead of this one, so a window never
 * drops a sample the gate let through, and the 5-minute bucket of a sample ends no earlier than its
 * 1-minute bucket, so both windows agree.
 */
public final class LatenessGate extends ProcessFunction<Sample, Sample>
    implements CheckpointedFunction {

  public static final OutputTag<Sample> LATE = new OutputTag<>("late") {};

  private final long outOfOrdernessMillis;
  private final long allowedLatenessMillis;

  private transient long maxCountedAt;
  private transient ListState<Long> checkpointed;

  public LatenessGate(long outOfOrdernessMillis, long allowedLatenessMillis) {
    this.outOfOrdernessMillis = outOfOrdernessMillis;
    this.allowedLatenessMillis = allowedLatenessMillis;
  }

  @Override
  public void processElement(Sample sample, Context ctx, Collector<Sample> out) {
    long countedAt = sample.countedAt();
    maxCountedAt = Math.max(maxCountedAt, countedAt);
    // Only a rejection stores where its record came from, and those are decided before this:
    // a sample crosses the shuffle without its source and position, nearly half of its size.
    Sample bare = sample.withoutOrigin();
    if (Buckets.isTooLate(countedAt, watermark(), allowedLatenessMillis)) {
      ctx.output(LATE, bare);
    } else {
      out.collect(bare);
    }
  }

  /** Same formula as Flink's BoundedOutOfOrdernessWatermarks. */
  private long watermark() {
    return maxCountedAt == Long.MIN_VALUE
        ? Long.MIN_VALUE
        : maxCountedAt - outOfOrdernessMillis - 1;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointed.update(java.util.List.of(maxCountedAt));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointed =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("max-counted-at", Long.class));
    maxCountedAt = Long.MIN_VALUE;
    for (Long restored : checkpointed.get()) {
      maxCountedAt = Math.max(maxCountedAt, restored);
    }
  }
}
