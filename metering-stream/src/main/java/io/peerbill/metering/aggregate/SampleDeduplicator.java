package io.peerbill.metering.aggregate;

import io.peerbill.metering.RunCounter;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Rejection;
import io.peerbill.metering.model.Sample;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts each sample id (connection, reporter, seq) once. Keyed by (connection, reporter); the seqs
 * seen are kept with a time-to-live. Input 1 is the on-time samples (they go on to the windows),
 * input 2 the TOO_LATE ones (they leave as rejections, so billing can fold them in): one state for
 * both, so a late repeat of a counted sample is a duplicate, not a second TOO_LATE row.
 *
 * <p>An id is claimed in the same call that passes its sample on: state and output move together
 * through checkpoints, so a restored job neither loses a sample nor counts it twice.
 */
public final class SampleDeduplicator
    extends KeyedCoProcessFunction<String, Sample, Sample, Sample> {

  public static final OutputTag<Rejection> TOO_LATE = new OutputTag<>("too-late-rejection") {};

  private final Duration ttl;

  private transient MapState<Long, Boolean> seen;
  private transient RunCounter accepted;
  private transient RunCounter duplicates;
  private transient RunCounter tooLate;

  public SampleDeduplicator(Duration ttl) {
    this.ttl = ttl;
  }

  /** The key: one reporter's view of one connection. */
  public static String reporterKey(Sample sample) {
    return sample.connectionId() + '|' + sample.reporter();
  }

  @Override
  public void open(OpenContext context) {
    MapStateDescriptor<Long, Boolean> descriptor =
        new MapStateDescriptor<>("seen-seqs", Long.class, Boolean.class);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(ttl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .neverReturnExpired()
            .cleanupIncrementally(16, false)
            .cleanupInRocksdbCompactFilter(1000)
            .build());
    seen = getRuntimeContext().getMapState(descriptor);
    accepted = RunCounter.register(getRuntimeContext(), RunCounter.ACCEPTED);
    duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
    tooLate =
        RunCounter.register(
            getRuntimeContext(), RunCounter.REJECTED_PREFIX + RejectReason.TOO_LATE);
  }

  @Override
  public void processElement1(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample)) {
      accepted.inc();
      out.collect(sample);
    }
  }

  @Override
  public void processElement2(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample)) {
      tooLate.inc();
      ctx.output(
          TOO_LATE, Rejection.tooLate(sample, "arrived after its bucket's allowed lateness"));
    }
  }

  private boolean claim(Sample sample) throws Exception {
    if (seen.contains(sample.seq())) {
      duplicates.inc();
      return false;
    }
    seen.put(sample.seq(), Boolean.TRUE);
    return true;
  }
}
