package io.peerbill.billing.line;

/** What a bill line is (D9). */
public enum LineStatus {
  /** Cross-region, priced by its daily peak. */
  BILLED,
  /** Same-region: on the statement at zero. */
  FREE,
  /** Active during the day but no bucket with data: zero. */
  NO_TRAFFIC,
  /** Could not be priced (e.g. no tariff in force); the reason says why. Never a silent zero. */
  FAILED,
  /**
   * Was on the day's bill, but a re-run found the connection not billable that day (no ACTIVE time
   * in it after all): zero, its earlier value kept as a revision with the reason.
   */
  REMOVED
}
