package io.peerbill.metering.validate;

import io.peerbill.metering.model.RejectReason;
import io.peerbill.metering.model.Sample;

/**
 * A record broke a rule; carries the reason code and a one-line detail. Stackless: thrown for every
 * bad record of a corrupt input, where stack traces would cost more than the parsing.
 */
public final class InvalidSampleException extends Exception {

  private final RejectReason reason;
  private final transient Sample sample;

  public InvalidSampleException(RejectReason reason, String detail, Sample sample) {
    super(detail, null, false, false);
    this.reason = reason;
    this.sample = sample;
  }

  public InvalidSampleException(RejectReason reason, String detail) {
    this(reason, detail, null);
  }

  public RejectReason reason() {
    return reason;
  }

  /** The parsed sample when the record parsed, else null. */
  public Sample sample() {
    return sample;
  }
}
