package io.peerbill.alerting;

import java.math.BigDecimal;

/**
 * What a user says a policy is: everything but its id, owner and lifecycle. Checked by {@link
 * AlertPolicyValidator} before it is saved.
 *
 * @param connectionId one connection, or null for every connection of the owning account
 */
public record AlertPolicySpec(
    String name,
    AlertMetric metric,
    Comparison comparison,
    BigDecimal threshold,
    StatisticPeriod period,
    int consecutivePeriods,
    Severity severity,
    String connectionId,
    RepeatSchedule repeat,
    boolean notifyOnRecovery,
    String webhookUrl,
    String webhookSecret)
    implements java.io.Serializable {

  public boolean allConnections() {
    return connectionId == null;
  }

  /** Without the secret, so logs never show it. */
  @Override
  public String toString() {
    return "AlertPolicySpec[name=%s, %s %s %s, period=%s x%d, severity=%s, connection=%s, repeat=%s, recovery=%s, url=%s]"
        .formatted(
            name,
            metric,
            comparison,
            threshold,
            period,
            consecutivePeriods,
            severity,
            connectionId == null ? "all" : connectionId,
            repeat,
            notifyOnRecovery,
            webhookUrl);
  }
}
