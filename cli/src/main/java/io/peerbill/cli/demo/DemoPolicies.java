package io.peerbill.cli.demo;

import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.alerting.AlertPolicySpec;
import io.peerbill.alerting.Comparison;
import io.peerbill.alerting.RepeatSchedule;
import io.peerbill.alerting.Severity;
import io.peerbill.alerting.StatisticPeriod;
import io.peerbill.alerting.WebhookSecretCipher;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The demo's two alert policies, both notifying the demo's webhook inbox: Acme watches its
 * Guangzhou–Beijing link for inbound bursts; Initech watches its Singapore–Frankfurt link for
 * running at its cap. A re-run points them at this run's inbox.
 */
final class DemoPolicies {

  static final String BURSTS = "gz-bj inbound bursts";
  static final String AT_CAP = "sg-fra at cap";

  private DemoPolicies() {}

  static void upsert(DSLContext sql, Map<String, String> ids, WebhookInbox inbox) {
    AlertPolicyService policies =
        new AlertPolicyService(sql, WebhookInbox.targets(), WebhookSecretCipher.fromEnvironment());
    save(
        policies,
        DemoWorld.ACME,
        new AlertPolicySpec(
            BURSTS,
            AlertMetric.IN_BANDWIDTH,
            Comparison.GT,
            new BigDecimal("600"),
            StatisticPeriod.ONE_MINUTE,
            2,
            Severity.WARN,
            ids.get(DemoWorld.GZ_BJ),
            RepeatSchedule.NONE,
            true,
            inbox.url(),
            inbox.secret()));
    save(
        policies,
        DemoWorld.INITECH,
        new AlertPolicySpec(
            AT_CAP,
            AlertMetric.INBAND_RATE,
            Comparison.GE,
            new BigDecimal("95"),
            StatisticPeriod.FIVE_MINUTES,
            3,
            Severity.SERIOUS,
            ids.get(DemoWorld.SG_FRA),
            RepeatSchedule.every(Duration.ofHours(1), true),
            true,
            inbox.url(),
            inbox.secret()));
  }

  private static void save(AlertPolicyService policies, String account, AlertPolicySpec spec) {
    List<AlertPolicy> existing =
        policies.list(account).stream().filter(p -> p.spec().name().equals(spec.name())).toList();
    if (existing.isEmpty()) {
      policies.create(account, spec);
    } else {
      policies.update(account, existing.get(0).id(), spec);
    }
  }
}
