package io.peerbill.metering.aggregate;

import io.peerbill.metering.RunCounter;
import io.peerbill.metering.model.Sample;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts each sample id (connection, reporter, seq) once. Keyed by connection (the key the bucket
 * windows need too, so no second shuffle): per reporter, the seqs seen are kept as ranges ({@link
 * SeenSeqs}) and forgotten once the reporter's event time is a horizon past them; an event-time
 * timer drops the state of a connection that has gone quiet. Input 1 is the on-time samples, input
 * 2 the too-late ones: one state for both. Every sample seen for the first time leaves on the main
 * output (to the ledger, which adds it to PostgreSQL exactly once, late or not); the on-time ones
 * also leave on {@link #ON_TIME}, to the buckets of the monitoring series and alerts.
 *
 * <p>This is the run's own dedupe, which keeps duplicates out of the series and off the wire to
 * PostgreSQL; what has been counted for good is the ledger's to say, across runs and restores.
 */
public final class SampleDeduplicator
    extends KeyedCoProcessFunction<String, Sample, Sample, Sample> {

  public static final OutputTag<Sample> ON_TIME = new OutputTag<>("on-time") {};

  private final long horizonMs;

  private transient MapState<String, SeenSeqs> seen;
  private transient RunCounter duplicates;
  private transient RunCounter late;

  /**
   * @param horizon how much event time a reporter may move past a seq before a repeat of it is no
   *     longer recognised
   */
  public SampleDeduplicator(Duration horizon) {
    this.horizonMs = horizon.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    seen =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "seen-seqs", Types.STRING, TypeInformation.of(SeenSeqs.class)));
    duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
    late = RunCounter.register(getRuntimeContext(), RunCounter.LATE);
  }

  @Override
  public void processElement1(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample, ctx)) {
      out.collect(sample);
      ctx.output(ON_TIME, sample);
    }
  }

  @Override
  public void processElement2(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample, ctx)) {
      late.inc();
      out.collect(sample);
    }
  }

  private boolean claim(Sample sample, Context ctx) throws Exception {
    SeenSeqs seqs = seen.get(sample.reporter());
    long registered;
    if (seqs == null) {
      seqs = new SeenSeqs();
      registered = Long.MIN_VALUE;
    } else {
      registered = alignUp(seqs.newest + horizonMs);
    }
    if (!seqs.add(sample.seq(), sample.countedAt(), horizonMs)) {
      duplicates.inc();
      return false;
    }
    seen.put(sample.reporter(), seqs);
    // One timer per connection and horizon-long step: registered when the reporter's newest event
    // time enters a new step (a timer at the step this reporter already asked for, or a later
    // one re-registered by onTimer, is pending as long as any state is).
    long due = alignUp(seqs.newest + horizonMs);
    if (due != registered) {
      ctx.timerService().registerEventTimeTimer(due);
    }
    return true;
  }

  /** Forgets what the horizon has passed; a connection with nothing left has no state. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Sample> out) throws Exception {
    long latest = Long.MIN_VALUE;
    Iterator<Map.Entry<String, SeenSeqs>> reporters = seen.iterator();
    while (reporters.hasNext()) {
      Map.Entry<String, SeenSeqs> reporter = reporters.next();
      SeenSeqs seqs = reporter.getValue();
      seqs.forgetUntouchedBefore(timestamp - horizonMs);
      if (seqs.isEmpty()) {
        reporters.remove();
      } else {
        reporter.setValue(seqs);
        latest = Math.max(latest, seqs.newest);
      }
    }
    if (latest == Long.MIN_VALUE) {
      seen.clear();
    } else {
      ctx.timerService().registerEventTimeTimer(alignUp(latest + horizonMs));
    }
  }

  private long alignUp(long instant) {
    return instant - Math.floorMod(instant, horizonMs) + horizonMs;
  }
}
