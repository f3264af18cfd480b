package io.peerbill.alerting;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One (policy, connection) alert as it stands: its last notice, when it last fired, and how many
 * notices it gave. {@code firing} is true when the last notice was FIRING or REPEAT.
 */
public record AlertSummary(
    long policyId,
    String policyName,
    String accountId,
    String connectionId,
    AlertMetric metric,
    Comparison comparison,
    BigDecimal threshold,
    Severity severity,
    AlertEventState lastState,
    double lastValue,
    Instant lastWindowEnd,
    Instant firedAt,
    int notices) {

  public boolean firing() {
    return lastState != AlertEventState.RESOLVED;
  }
}
