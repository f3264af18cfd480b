package io.peerbill.metering.model;

/** Why an input record was not counted (the values of {@code rejected_sample.reason}). */
public enum RejectReason {
  MALFORMED,
  MISSING_FIELD,
  NEGATIVE_COUNTER,
  BAD_INTERVAL,
  FUTURE_TIMESTAMP,
  /** More bytes or packets than a 400 Gbit/s link carries in the sample's interval. */
  IMPLAUSIBLE_COUNTER,
  UNKNOWN_CONNECTION,
  NOT_ACTIVE
}
