package io.peerbill.metering.model;

/**
 * An input record that was not counted, with why. {@code sample} holds the parsed fields when the
 * record parsed (every reason after MALFORMED / MISSING_FIELD / NEGATIVE_COUNTER / BAD_INTERVAL may
 * carry it).
 */
public record Rejection(
    RejectReason reason, String detail, String raw, String source, String position, Sample sample) {

  public static Rejection of(RejectReason reason, String detail, RawRecord record, Sample sample) {
    return new Rejection(reason, detail, record.text(), record.source(), record.position(), sample);
  }
}
