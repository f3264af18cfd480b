package io.peerbill.alerting;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One FIRING, REPEAT or RESOLVED notice of a policy for a connection, for the period {@code
 * [windowStart, windowEnd)} that caused it. {@code sendsWebhook} is false for a recovery of a
 * policy that does not notify on recovery: such an event is stored but not sent.
 */
public record AlertEvent(
    String id,
    long policyId,
    long policyRevision,
    String accountId,
    String connectionId,
    AlertEventState state,
    AlertMetric metric,
    Comparison comparison,
    BigDecimal threshold,
    double value,
    Severity severity,
    Instant windowStart,
    Instant windowEnd,
    boolean sendsWebhook)
    implements Serializable {

  /**
   * The id of the event (a UUID, as text so Flink serializes it without Kryo) of a policy for a
   * connection in a window: a name-based UUID, the same on every replay, so storing an event twice
   * (after a restart or replay) is a no-op. A window gives at most one notice per (policy,
   * connection), so the window is enough to tell events apart.
   */
  public static String idOf(long policyId, String connectionId, Instant start, Instant end) {
    String name =
        "peerbill-alert/"
            + policyId
            + "/"
            + connectionId
            + "/"
            + start.toEpochMilli()
            + "/"
            + end.toEpochMilli();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
