package io.peerbill.alerting.cli;

import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.InvalidAlertPolicyException;
import io.peerbill.alerting.RepeatSchedule;
import io.peerbill.alerting.Severity;
import io.peerbill.alerting.StatisticPeriod;
import java.math.BigDecimal;
import picocli.CommandLine.Option;

/**
 * The policy options of {@code create} and {@code update}: every one optional here; {@code create}
 * needs some of them, {@code update} changes only those given.
 */
public final class PolicyOptions {

  @Option(names = "--name", description = "Policy name, unique in the account.")
  String name;

  @Option(
      names = "--metric",
      description =
          "InBandwidth, OutBandwidth (Mbps), InPkg, OutPkg (packets/s), PkgDrop (%),"
              + " InbandRate, OutbandRate (% of cap, cross-region only).")
  String metric;

  @Option(names = "--comparator", description = "One of >, >=, <, <= (or GT, GE, LT, LE).")
  String comparator;

  @Option(names = "--threshold", description = "In the metric's unit, at most 3 decimals.")
  String threshold;

  @Option(names = "--period", description = "Statistic period: 1m or 5m (create: 1m).")
  String period;

  @Option(
      names = "--periods",
      paramLabel = "N",
      description = "Consecutive breaching periods before firing, 1..30 (create: 1).")
  Integer consecutive;

  @Option(names = "--severity", description = "remind, warn or serious (create: warn).")
  String severity;

  @Option(names = "--connection", description = "Watch one connection (pcx-...).")
  String connection;

  @Option(names = "--all-connections", description = "Watch every connection of the account.")
  boolean allConnections;

  @Option(
      names = "--repeat",
      description = "Repeat while firing: none, or 5m .. 1d (create: none).")
  String repeat;

  @Option(
      names = "--exponential",
      negatable = true,
      description = "Double the repeat interval after each repeat.")
  Boolean exponential;

  @Option(
      names = "--notify-recovery",
      negatable = true,
      description = "Send a notice when the alert resolves (create: yes).")
  Boolean notifyRecovery;

  @Option(names = "--webhook-url", description = "http(s) URL the notices are POSTed to.")
  String webhookUrl;

  @Option(
      names = "--webhook-secret",
      description = "HMAC-SHA256 key of the signature header, at least 16 characters.")
  String webhookSecret;

  /** A new policy's spec: required options must be there, the rest take their defaults. */
  AlertPolicySpec toNewSpec() {
    require(name, "--name");
    require(metric, "--metric");
    require(comparator, "--comparator");
    require(threshold, "--threshold");
    require(webhookUrl, "--webhook-url");
    require(webhookSecret, "--webhook-secret");
    if (connection == null && !allConnections) {
      throw new InvalidAlertPolicyException("give --connection pcx-... or --all-connections");
    }
    AlertPolicySpec defaults =
        new AlertPolicySpec(
            null,
            null,
            null,
            null,
            StatisticPeriod.ONE_MINUTE,
            1,
            Severity.WARN,
            null,
            RepeatSchedule.NONE,
            true,
            null,
            null);
    return applyTo(defaults);
  }

  /** The given spec with the options given here changed. */
  AlertPolicySpec applyTo(AlertPolicySpec s) {
    if (connection != null && allConnections) {
      throw new InvalidAlertPolicyException("give --connection or --all-connections, not both");
    }
    Integer interval =
        repeat == null ? s.repeat().intervalSeconds() : RepeatSchedule.parseInterval(repeat);
    boolean exp = exponential != null ? exponential : interval != null && s.repeat().exponential();
    return new AlertPolicySpec(
        name != null ? name.strip() : s.name(),
        metric != null ? AlertMetric.fromVendorName(metric.strip()) : s.metric(),
        comparator != null ? Comparison.parse(comparator) : s.comparison(),
        threshold != null ? decimal(threshold) : s.threshold(),
        period != null ? StatisticPeriod.parse(period) : s.period(),
        consecutive != null ? consecutive : s.consecutivePeriods(),
        severity != null ? Severity.parse(severity) : s.severity(),
        allConnections ? null : connection != null ? connection.strip() : s.connectionId(),
        new RepeatSchedule(interval, exp),
        notifyRecovery != null ? notifyRecovery : s.notifyOnRecovery(),
        webhookUrl != null ? webhookUrl.strip() : s.webhookUrl(),
        webhookSecret != null ? webhookSecret : s.webhookSecret());
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidAlertPolicyException("threshold '" + text + "' is not a number");
    }
  }

  private static void require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new InvalidAlertPolicyException("missing " + option);
    }
  }
}
