package io.peerbill.api.alert;

import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.alerting.RepeatSchedule;
import io.peerbill.alerting.Severity;
import io.peerbill.alerting.StatisticPeriod;
import java.math.BigDecimal;

/**
 * An alert policy in JSON (D11), parsed with the alerting module's own parsers, as the CLI's
 * options are: metric by its vendor name (InBandwidth, ...), comparator as a symbol (&gt;, &gt;=,
 * ...), period 1m or 5m, repeat as a duration (5m .. 1d) or absent. The secret is write-only.
 */
public record PolicyBody(
    String name,
    String metric,
    String comparator,
    BigDecimal threshold,
    String period,
    Integer consecutivePeriods,
    String severity,
    String connectionId,
    String repeat,
    Boolean repeatExponential,
    Boolean notifyOnRecovery,
    String webhookUrl,
    String webhookSecret) {

  AlertPolicySpec spec() {
    if (metric == null || comparator == null || threshold == null || period == null) {
      throw new InvalidAlertPolicyException(
          "metric, comparator, threshold and period are required");
    }
    Integer interval = repeat == null ? null : RepeatSchedule.parseInterval(repeat);
    return new AlertPolicySpec(
        name,
        AlertMetric.fromVendorName(metric),
        Comparison.parse(comparator),
        threshold,
        StatisticPeriod.parse(period),
        consecutivePeriods == null ? 1 : consecutivePeriods,
        severity == null ? Severity.WARN : Severity.parse(severity),
        connectionId,
        new RepeatSchedule(interval, Boolean.TRUE.equals(repeatExponential)),
        Boolean.TRUE.equals(notifyOnRecovery),
        webhookUrl,
        webhookSecret);
  }

  /** A stored policy as the API shows it: everything but the webhook secret. */
  public record PolicyView(
      long id,
      long revision,
      String accountId,
      boolean enabled,
      String name,
      String metric,
      String comparator,
      BigDecimal threshold,
      int periodSeconds,
      int consecutivePeriods,
      String severity,
      String connectionId,
      Integer repeatSeconds,
      boolean repeatExponential,
      boolean notifyOnRecovery,
      String webhookUrl) {
    static PolicyView of(AlertPolicy p) {
      AlertPolicySpec s = p.spec();
      return new PolicyView(
          p.id(),
          p.revision(),
          p.accountId(),
          p.enabled(),
          s.name(),
          s.metric().vendorName(),
          s.comparison().symbol(),
          s.threshold(),
          s.period().seconds(),
          s.consecutivePeriods(),
          s.severity().name(),
          s.connectionId(),
          s.repeat().intervalSeconds(),
          s.repeat().exponential(),
          s.notifyOnRecovery(),
          s.webhookUrl());
    }
  }
}
