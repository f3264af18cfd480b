package io.peerbill.billing.month;

/** The state of a month line (D13); REMOVED: a re-run found it not billable by the month. */
public enum MonthLineStatus {
  BILLED,
  NO_TRAFFIC,
  FAILED,
  REMOVED
}
