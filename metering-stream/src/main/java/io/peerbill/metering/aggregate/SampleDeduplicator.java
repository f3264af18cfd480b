package io.peerbill.metering.aggregate;

import io.peerbill.metering.RunCounter;
import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Rejection;
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
 * timer drops the state of a connection that has gone quiet. Input 1 is the on-time samples (they
 * go on to the windows), input 2 the TOO_LATE ones (they leave as rejections, so billing can fold
 * them in): one state for both, so a late repeat of a counted sample is a duplicate, not a second
 * TOO_LATE row.
 *
 * <p>An id is claimed in the same call that passes its sample on: state and output move together
 * through checkpoints, so a restored job neither loses a sample nor counts it twice.
 */
public final class SampleDeduplicator
    extends KeyedCoProcessFunction<String, Sample, Sample, Sample> {

  public static final OutputTag<Rejection> TOO_LATE = new OutputTag<>("too-late-rejection") {};

  private final long horizonMs;

  private transient MapState<String, SeenSeqs> seen;
  private transient RunCounter accepted;
  private transient RunCounter duplicates;
  private transient RunCounter tooLate;

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
    accepted = RunCounter.register(getRuntimeContext(), RunCounter.ACCEPTED);
    duplicates = RunCounter.register(getRuntimeContext(), RunCounter.DUPLICATES);
    tooLate =
        RunCounter.register(
            getRuntimeContext(), RunCounter.REJECTED_PREFIX + RejectReason.TOO_LATE);
  }

  @Override
  public void processElement1(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample, ctx)) {
      accepted.inc();
      out.collect(sample);
    }
  }

  @Override
  public void processElement2(Sample sample, Context ctx, Collector<Sample> out) throws Exception {
    if (claim(sample, ctx)) {
      tooLate.inc();
      ctx.output(
          TOO_LATE, Rejection.tooLate(sample, "arrived after its bucket's allowed lateness"));
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
