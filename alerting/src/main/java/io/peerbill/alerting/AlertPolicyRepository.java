package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ALERT_POLICY;

import io.peerbill.schema.jooq.tables.records.AlertPolicyRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Alert policies in PostgreSQL; returns {@link AlertPolicy} records, never jOOQ rows. */
public final class AlertPolicyRepository {

  private static final org.jooq.Field<Long> NEXT_REVISION =
      DSL.field("nextval('alert_policy_revision')", Long.class);

  private final DSLContext dsl;
  private final WebhookSecretCipher secrets;

  /**
   * @param secrets seals webhook secrets when written and opens them when read; null for a reader
   *     that must never hold them (the running job), which gets policies without their secrets
   */
  public AlertPolicyRepository(DSLContext dsl, WebhookSecretCipher secrets) {
    this.dsl = dsl;
    this.secrets = secrets;
  }

  public AlertPolicy insert(String accountId, AlertPolicySpec spec) {
    AlertPolicyRecord row = dsl.newRecord(ALERT_POLICY);
    row.setAccountId(accountId);
    write(row, spec);
    row.store();
    row.refresh();
    return policy(row);
  }

  public AlertPolicy update(AlertPolicy policy, AlertPolicySpec spec) {
    AlertPolicyRecord row = dsl.newRecord(ALERT_POLICY);
    write(row, spec);
    return change(policy, row);
  }

  public AlertPolicy setEnabled(AlertPolicy policy, boolean enabled) {
    AlertPolicyRecord row = dsl.newRecord(ALERT_POLICY);
    row.setEnabled(enabled);
    return change(policy, row);
  }

  /** Soft delete: the row stays for the events that name it. */
  public void delete(AlertPolicy policy) {
    AlertPolicyRecord row = dsl.newRecord(ALERT_POLICY);
    row.setEnabled(false);
    row.setDeletedAt(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    change(policy, row);
  }

  /** A live (not deleted) policy of this account. */
  public Optional<AlertPolicy> find(String accountId, long id) {
    return dsl.selectFrom(ALERT_POLICY)
        .where(ALERT_POLICY.ID.eq(id))
        .and(ALERT_POLICY.ACCOUNT_ID.eq(accountId))
        .and(ALERT_POLICY.DELETED_AT.isNull())
        .fetchOptional(this::policy);
  }

  /** Whether another live policy of the account already has this name. */
  public boolean nameTaken(String accountId, String name, Long exceptId) {
    return dsl.fetchExists(
        ALERT_POLICY,
        ALERT_POLICY
            .ACCOUNT_ID
            .eq(accountId)
            .and(ALERT_POLICY.NAME.eq(name))
            .and(ALERT_POLICY.DELETED_AT.isNull())
            .and(exceptId == null ? DSL.noCondition() : ALERT_POLICY.ID.ne(exceptId)));
  }

  public List<AlertPolicy> listOf(String accountId) {
    return dsl.selectFrom(ALERT_POLICY)
        .where(ALERT_POLICY.ACCOUNT_ID.eq(accountId))
        .and(ALERT_POLICY.DELETED_AT.isNull())
        .orderBy(ALERT_POLICY.ID)
        .fetch(this::policy);
  }

  /** What the running job evaluates: every enabled, not deleted policy. */
  public List<AlertPolicy> enabled() {
    return dsl.selectFrom(ALERT_POLICY)
        .where(ALERT_POLICY.ENABLED.isTrue())
        .and(ALERT_POLICY.DELETED_AT.isNull())
        .orderBy(ALERT_POLICY.ID)
        .fetch(this::policy);
  }

  /**
   * Seals every secret still stored as written (saved before secrets were encrypted; deleted
   * policies' too), so none stays in the clear however long its policy goes unchanged. The policy
   * keeps its revision: what it says is the same. Returns how many were sealed.
   */
  public int sealPlaintextSecrets() {
    int sealed = 0;
    for (var r :
        dsl.select(ALERT_POLICY.ID, ALERT_POLICY.WEBHOOK_SECRET)
            .from(ALERT_POLICY)
            .where(ALERT_POLICY.WEBHOOK_SECRET.notLike(WebhookSecretCipher.SEALED_LIKE))
            .fetch()) {
      // Only while it is still that value: another worker may have sealed it meanwhile.
      sealed +=
          dsl.update(ALERT_POLICY)
              .set(ALERT_POLICY.WEBHOOK_SECRET, secrets.seal(r.value2()))
              .where(ALERT_POLICY.ID.eq(r.value1()))
              .and(ALERT_POLICY.WEBHOOK_SECRET.eq(r.value2()))
              .execute();
    }
    return sealed;
  }

  private AlertPolicy change(AlertPolicy policy, AlertPolicyRecord changes) {
    return dsl.update(ALERT_POLICY)
        .set(changes)
        .set(ALERT_POLICY.REVISION, NEXT_REVISION)
        .set(ALERT_POLICY.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(ALERT_POLICY.ID.eq(policy.id()))
        .returning()
        .fetchOptional()
        .map(this::policy)
        .orElseThrow(() -> new UnknownAlertPolicyException(policy.id(), policy.accountId()));
  }

  private void write(AlertPolicyRecord row, AlertPolicySpec spec) {
    row.setName(spec.name());
    row.setMetric(spec.metric().vendorName());
    row.setComparator(spec.comparison().name());
    row.setThreshold(spec.threshold());
    row.setPeriodSeconds(spec.period().seconds());
    row.setConsecutivePeriods(spec.consecutivePeriods());
    row.setSeverity(spec.severity().name());
    row.setConnectionId(spec.connectionId());
    row.setRepeatIntervalSeconds(spec.repeat().intervalSeconds());
    row.setRepeatExponential(spec.repeat().exponential());
    row.setNotifyOnRecovery(spec.notifyOnRecovery());
    row.setWebhookUrl(spec.webhookUrl());
    row.setWebhookSecret(secrets.seal(spec.webhookSecret()));
  }

  private AlertPolicy policy(AlertPolicyRecord r) {
    AlertPolicySpec spec =
        new AlertPolicySpec(
            r.getName(),
            AlertMetric.fromVendorName(r.getMetric()),
            Comparison.valueOf(r.getComparator()),
            r.getThreshold(),
            StatisticPeriod.ofSeconds(r.getPeriodSeconds()),
            r.getConsecutivePeriods(),
            Severity.valueOf(r.getSeverity()),
            r.getConnectionId(),
            new RepeatSchedule(r.getRepeatIntervalSeconds(), r.getRepeatExponential()),
            r.getNotifyOnRecovery(),
            r.getWebhookUrl(),
            secrets == null ? null : secrets.open(r.getWebhookSecret()));
    return new AlertPolicy(r.getId(), r.getRevision(), r.getAccountId(), r.getEnabled(), spec);
  }
}
