package io.peerbill.metering;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One count of the run, kept twice: as a Flink metric (live, for monitoring) and as an accumulator
 * (summed over all subtasks into the job result, for the run summary and the count invariant).
 */
public final class RunCounter {

  public static final String INPUT = "samplesIn";
  public static final String ACCEPTED = "samplesAccepted";
  public static final String DUPLICATES = "samplesDuplicate";

  /** Samples the ledger held already (counted by an earlier run or attempt): duplicates too. */
  public static final String ALREADY_COUNTED = "samplesAlreadyCounted";

  /** Accepted samples that came after their bucket's allowed lateness (added all the same). */
  public static final String LATE = "samplesLate";

  public static final String REJECTED_PREFIX = "samplesRejected_";

  private final Counter metric;
  private final LongCounter total;

  private RunCounter(Counter metric, LongCounter total) {
    this.metric = metric;
    this.total = total;
  }

  public static RunCounter register(RuntimeContext context, String name) {
    LongCounter total = new LongCounter();
    context.addAccumulator(name, total);
    return new RunCounter(context.getMetricGroup().counter(name), total);
  }

  public void inc() {
    metric.inc();
    total.add(1L);
  }

  public void add(long n) {
    if (n != 0) {
      metric.inc(n);
      total.add(n);
    }
  }
}
