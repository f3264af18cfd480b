package io.peerbill.alerting;

import static io.peerbill.alerting.AlertFixtures.ALICE;
import static io.peerbill.alerting.AlertFixtures.BOB;
import static io.peerbill.alerting.AlertFixtures.inBandwidthAbove80;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Policies owned by an account (D2, D11), checked before they are saved. */
@ExtendWith(PostgresExtension.class)
class AlertPolicyServiceTest {

  private static final String URL = "https://hooks.example.test/peerbill";
  private AlertPolicyService service;
  private DSLContext dsl;
  private AlertFixtures.Connections peered;

  @BeforeEach
  void setUp(TestDatabase db) {
    dsl = db.dsl();
    peered = AlertFixtures.lifecycle(dsl);
    service = new AlertPolicyService(dsl);
  }

  private static AlertPolicySpec spec(
      AlertMetric metric, String threshold, String connection, String url) {
    AlertPolicySpec base = inBandwidthAbove80(connection, url);
    return new AlertPolicySpec(
        base.name(),
        metric,
        base.comparison(),
        new BigDecimal(threshold),
        base.period(),
        base.consecutivePeriods(),
        base.severity(),
        connection,
        base.repeat(),
        base.notifyOnRecovery(),
        url,
        base.webhookSecret());
  }

  @Test
  void aPolicyIsSavedAndReadBackAsGiven_D11() {
    AlertPolicySpec spec =
        new AlertPolicySpec(
            "cap-90",
            AlertMetric.OUTBAND_RATE,
            Comparison.GE,
            new BigDecimal("90.5"),
            StatisticPeriod.FIVE_MINUTES,
            30,
            Severity.SERIOUS,
            peered.cross(),
            RepeatSchedule.every(Duration.ofMinutes(10), true),
            false,
            URL,
            AlertFixtures.SECRET);
    AlertPolicy saved = service.create(ALICE, spec);
    AlertPolicy read = service.show(ALICE, saved.id());
    assertThat(read.spec())
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(spec);
    assertThat(read.accountId()).isEqualTo(ALICE);
    assertThat(read.enabled()).isTrue();
    assertThat(service.list(ALICE)).extracting(AlertPolicy::id).containsExactly(saved.id());
    assertThat(service.list(BOB)).isEmpty();
  }

  @Test
  void everyChangeTakesANewRevision_D11() {
    AlertPolicy p = service.create(ALICE, inBandwidthAbove80(peered.cross(), URL));
    AlertPolicy updated =
        service.update(ALICE, p.id(), spec(AlertMetric.IN_PKG, "5000", peered.cross(), URL));
    assertThat(updated.spec().metric()).isEqualTo(AlertMetric.IN_PKG);
    assertThat(updated.revision()).isGreaterThan(p.revision());
    AlertPolicy disabled = service.setEnabled(ALICE, p.id(), false);
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.revision()).isGreaterThan(updated.revision());
    assertThat(service.setEnabled(ALICE, p.id(), true).enabled()).isTrue();
  }

  @Test
  void aDeletedPolicyIsGoneForItsOwnerAndItsNameIsFree_D11() {
    AlertPolicy p = service.create(ALICE, inBandwidthAbove80(peered.cross(), URL));
    service.delete(ALICE, p.id());
    assertThat(service.list(ALICE)).isEmpty();
    assertThatThrownBy(() -> service.show(ALICE, p.id()))
        .isInstanceOf(UnknownAlertPolicyException.class)
        .hasMessage("no alert policy " + p.id() + " for account alice");
    assertThat(service.create(ALICE, inBandwidthAbove80(peered.cross(), URL)).id())
        .isNotEqualTo(p.id());
  }

  @Test
  void anAccountCannotSeeOrChangeAnotherAccountsPolicy_D2() {
    AlertPolicy p = service.create(ALICE, inBandwidthAbove80(peered.cross(), URL));
    assertThatThrownBy(() -> service.setEnabled(BOB, p.id(), false))
        .hasMessage("no alert policy " + p.id() + " for account bob");
    assertThatThrownBy(() -> service.delete(BOB, p.id()))
        .isInstanceOf(UnknownAlertPolicyException.class);
    assertThat(service.show(ALICE, p.id()).enabled()).isTrue();
  }

  @Test
  void utilisationOfASameRegionConnectionIsRefused_R16_D11() {
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.INBAND_RATE, "80", peered.same(), URL)))
        .isInstanceOf(InvalidAlertPolicyException.class)
        .hasMessage(
            "InbandRate is a share of the bandwidth cap and applies to cross-region connections"
                + " only; "
                + peered.same()
                + " is same-region (no cap)");
    assertThat(service.create(ALICE, spec(AlertMetric.INBAND_RATE, "80", peered.cross(), URL)))
        .isNotNull();
  }

  @Test
  void thresholdsOutOfTheMetricsRangeAreRefused_D11() {
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.PKG_DROP, "100.5", peered.cross(), URL)))
        .hasMessage("threshold 100.5 is out of range for PkgDrop: 0..100 %, at most 3 decimals");
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.IN_BANDWIDTH, "-1", peered.cross(), URL)))
        .hasMessage(
            "threshold -1 is out of range for InBandwidth: 0..100000 Mbps, at most 3 decimals");
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.IN_PKG, "1.0001", peered.cross(), URL)))
        .isInstanceOf(InvalidAlertPolicyException.class);
  }

  @Test
  void anotherAccountsConnectionIsRefused_D2() {
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.IN_PKG, "1", peered.others(), URL)))
        .hasMessage(
            "connection " + peered.others() + " belongs to another account; alice is neither end");
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.IN_PKG, "1", "pcx-nothere1", URL)))
        .hasMessage("unknown connection pcx-nothere1");
  }

  @Test
  void badWebhookUrlsAreRefused_D11() {
    assertThatThrownBy(
            () ->
                service.create(
                    ALICE, spec(AlertMetric.IN_PKG, "1", peered.cross(), "ftp://x.test/h")))
        .hasMessage(
            "webhook URL 'ftp://x.test/h' is not an absolute http:// or https:// URL with a host");
    assertThatThrownBy(
            () ->
                service.create(
                    ALICE, spec(AlertMetric.IN_PKG, "1", peered.cross(), "http://bad host/")))
        .hasMessageStartingWith("webhook URL 'http://bad host/' is malformed: ");
    assertThatThrownBy(
            () -> service.create(ALICE, spec(AlertMetric.IN_PKG, "1", peered.cross(), "hooks")))
        .isInstanceOf(InvalidAlertPolicyException.class);
  }

  @Test
  void otherBadInputIsRefusedInOneLine_D11() {
    assertThatThrownBy(() -> service.create("nobody", inBandwidthAbove80(peered.cross(), URL)))
        .hasMessage("unknown account nobody");
    service.create(ALICE, inBandwidthAbove80(peered.cross(), URL));
    assertThatThrownBy(() -> service.create(ALICE, inBandwidthAbove80(peered.cross(), URL)))
        .hasMessage("account alice already has an alert policy named 'in-above-80'");
    assertThatThrownBy(() -> new RepeatSchedule(60, false))
        .hasMessage("repeat interval must be between 5m and 1d, got 1m");
    assertThatThrownBy(() -> new RepeatSchedule(null, true))
        .hasMessage("an exponential repeat needs a repeat interval");
  }

  @Test
  void consecutivePeriodsAreOneToThirty_D11() {
    AlertPolicySpec b = inBandwidthAbove80(peered.cross(), URL);
    AlertPolicySpec thirtyOne =
        new AlertPolicySpec(
            b.name(),
            b.metric(),
            b.comparison(),
            b.threshold(),
            b.period(),
            31,
            b.severity(),
            b.connectionId(),
            b.repeat(),
            b.notifyOnRecovery(),
            b.webhookUrl(),
            b.webhookSecret());
    assertThatThrownBy(() -> service.create(ALICE, thirtyOne))
        .hasMessage("consecutive periods must be between 1 and 30, got 31");
  }

  @Test
  void anAccountWidePolicyCoversTheAccountsConnections_D11() {
    AlertPolicy all = service.create(ALICE, spec(AlertMetric.INBAND_RATE, "90", null, URL));
    ConnectionFactsRepository facts = new ConnectionFactsRepository(dsl);
    assertThat(facts.liveOfAccounts(List.of(ALICE)))
        .filteredOn(all::covers)
        .extracting(ConnectionFacts::id)
        .as("utilisation: only the cross-region one")
        .containsExactly(peered.cross());
  }
}
