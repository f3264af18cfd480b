package io.peerbill.peering;

/** How a cross-region connection's bandwidth is charged (D13). */
public enum ChargeMode {
  /** The peak 5-minute bucket of each billing day (D5-D7): the default. */
  DAILY_PEAK,
  /** The 95th percentile of a calendar month's 5-minute buckets, priced by the month (D13). */
  MONTHLY_95TH
}
