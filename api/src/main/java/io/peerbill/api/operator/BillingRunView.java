package io.peerbill.api.operator;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A billing run the API started: {@code kind} DAYS (a day or a range, {@code bill --date} or {@code
 * --from/--to}) or MONTH ({@code bill --month}); {@code status} QUEUED, RUNNING, COMPLETED (every
 * period billed; lines that could not be priced are listed in their period) or FAILED; the periods
 * in the order they are billed.
 */
public record BillingRunView(
    String id,
    String kind,
    String zone,
    boolean force,
    boolean rebillZone,
    String status,
    OffsetDateTime requestedAt,
    List<RunPeriod> periods) {

  static String statusOf(List<RunPeriod> periods) {
    if (periods.stream().anyMatch(p -> p.status().equals(RunPeriod.FAILED))) {
      return RunPeriod.FAILED;
    }
    if (periods.stream().allMatch(RunPeriod::done)) {
      return RunPeriod.COMPLETED;
    }
    if (periods.stream().allMatch(p -> p.status().equals(RunPeriod.QUEUED))) {
      return RunPeriod.QUEUED;
    }
    return RunPeriod.RUNNING;
  }
}
