package io.peerbill.metering;

import io.peerbill.metering.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * The counts of one run: input = accepted + duplicates + rejected, always (DESIGN.md). Summed over
 * all subtasks; after a restore they include records processed again since the last checkpoint.
 * Duplicates are repeats within the run and samples an earlier run (or attempt) counted already;
 * {@code late} samples, new to the run, came after their bucket's allowed lateness (added to the
 * traffic all the same, unless the ledger finds them counted before; not in the monitoring series).
 */
public record MeteringRunSummary(
    long input, long accepted, long duplicates, long late, Map<RejectReason, Long> rejected) {

  public static MeteringRunSummary of(JobExecutionResult result) {
    Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, count(result, RunCounter.REJECTED_PREFIX + reason));
    }
    return new MeteringRunSummary(
        count(result, RunCounter.INPUT),
        count(result, RunCounter.ACCEPTED),
        count(result, RunCounter.DUPLICATES) + count(result, RunCounter.ALREADY_COUNTED),
        count(result, RunCounter.LATE),
        Map.copyOf(rejected));
  }

  private static long count(JobExecutionResult result, String name) {
    Long value = result.getAccumulatorResult(name);
    return value == null ? 0L : value;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
