package io.peerbill.alerting;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a policy before it is saved, failing with the first problem in one line: the spec on its
 * own (ranges, URL), where its webhook may go ({@link WebhookTargetGuard}), then against the
 * connection it names (exists, is the account's, is cross-region for utilisation metrics).
 */
public final class AlertPolicyValidator {

  static final int MIN_SECRET_LENGTH = 16;
  private static final int MAX_NAME_LENGTH = 100;

  private final Function<String, Optional<ConnectionFacts>> connections;
  private final WebhookTargetGuard targets;

  public AlertPolicyValidator(
      Function<String, Optional<ConnectionFacts>> connections, WebhookTargetGuard targets) {
    this.connections = connections;
    this.targets = targets;
  }

  public void validate(String accountId, AlertPolicySpec spec) {
    checkSpec(spec);
    targets.check(URI.create(spec.webhookUrl()));
    if (spec.connectionId() != null) {
      checkConnection(accountId, spec);
    }
  }

  static void checkSpec(AlertPolicySpec spec) {
    if (spec.name() == null || spec.name().isBlank() || spec.name().length() > MAX_NAME_LENGTH) {
      throw new InvalidAlertPolicyException("a policy needs a name of 1 to 100 characters");
    }
    require(spec.metric() != null, "a policy needs a metric");
    require(spec.comparison() != null, "a policy needs a comparator");
    require(spec.period() != null, "a policy needs a statistic period (1m or 5m)");
    require(spec.severity() != null, "a policy needs a severity (remind, warn or serious)");
    require(spec.repeat() != null, "a policy needs a repeat interval (or none)");
    checkThreshold(spec.metric(), spec.threshold());
    if (spec.consecutivePeriods() < 1 || spec.consecutivePeriods() > 30) {
      throw new InvalidAlertPolicyException(
          "consecutive periods must be between 1 and 30, got " + spec.consecutivePeriods());
    }
    checkWebhookUrl(spec.webhookUrl());
    if (spec.webhookSecret() == null || spec.webhookSecret().length() < MIN_SECRET_LENGTH) {
      throw new InvalidAlertPolicyException(
          "the webhook secret must be at least " + MIN_SECRET_LENGTH + " characters");
    }
  }

  private static void checkThreshold(AlertMetric metric, BigDecimal threshold) {
    require(threshold != null, "a policy needs a threshold");
    if (threshold.signum() < 0
        || threshold.compareTo(metric.maxThreshold()) > 0
        || threshold.stripTrailingZeros().scale() > 3) {
      throw new InvalidAlertPolicyException(
          "threshold "
              + threshold.toPlainString()
              + " is out of range for "
              + metric.vendorName()
              + ": 0.."
              + metric.maxThreshold().toPlainString()
              + " "
              + metric.unit()
              + ", at most 3 decimals");
    }
  }

  static void checkWebhookUrl(String url) {
    require(url != null && !url.isBlank(), "a policy needs a webhook URL");
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new InvalidAlertPolicyException(
            "webhook URL '" + url + "' is not an absolute http:// or https:// URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new InvalidAlertPolicyException(
          "webhook URL '" + url + "' is malformed: " + e.getReason());
    }
  }

  private void checkConnection(String accountId, AlertPolicySpec spec) {
    String id = spec.connectionId();
    ConnectionFacts connection =
        connections
            .apply(id)
            .orElseThrow(() -> new InvalidAlertPolicyException("unknown connection " + id));
    if (!connection.hasEnd(accountId)) {
      throw new InvalidAlertPolicyException(
          "connection " + id + " belongs to another account; " + accountId + " is neither end");
    }
    if (connection.ended()) {
      throw new InvalidAlertPolicyException(
          "connection " + id + " is " + connection.state() + " and carries no more traffic");
    }
    if (spec.metric().crossRegionOnly() && !connection.crossRegion()) {
      throw new InvalidAlertPolicyException(
          spec.metric().vendorName()
              + " is a share of the bandwidth cap and applies to cross-region connections only;"
              + " "
              + id
              + " is same-region (no cap)");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new InvalidAlertPolicyException(message);
    }
  }
}
