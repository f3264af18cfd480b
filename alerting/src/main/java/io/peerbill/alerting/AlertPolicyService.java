package io.peerbill.alerting;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;

import java.util.List;
import org.jooq.DSLContext;

/**
 * What users do with alert policies, always as an acting account (D2): an account sees and changes
 * only its own policies, and watches only connections it is an end of.
 */
public final class AlertPolicyService {

  private final DSLContext dsl;
  private final WebhookTargetGuard targets;
  private final WebhookSecretCipher secrets;

  /** With the configured webhook allow-list and secret key. */
  public AlertPolicyService(DSLContext dsl) {
    this(dsl, WebhookTargetGuard.fromEnvironment(), WebhookSecretCipher.fromEnvironment());
  }

  public AlertPolicyService(
      DSLContext dsl, WebhookTargetGuard targets, WebhookSecretCipher secrets) {
    this.dsl = dsl;
    this.targets = targets;
    this.secrets = secrets;
  }

  public AlertPolicy create(String actingAccount, AlertPolicySpec spec) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          requireAccount(t, actingAccount);
          validator(t).validate(actingAccount, spec);
          requireUniqueName(t, actingAccount, spec, null);
          return policies(t).insert(actingAccount, spec);
        });
  }

  public AlertPolicy update(String actingAccount, long id, AlertPolicySpec spec) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          AlertPolicy current = show(t, actingAccount, id);
          validator(t).validate(actingAccount, spec);
          requireUniqueName(t, actingAccount, spec, id);
          return policies(t).update(current, spec);
        });
  }

  public AlertPolicy setEnabled(String actingAccount, long id, boolean enabled) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          return policies(t).setEnabled(show(t, actingAccount, id), enabled);
        });
  }

  public void delete(String actingAccount, long id) {
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          policies(t).delete(show(t, actingAccount, id));
        });
  }

  public AlertPolicy show(String actingAccount, long id) {
    return show(dsl, actingAccount, id);
  }

  public List<AlertPolicy> list(String actingAccount) {
    requireAccount(dsl, actingAccount);
    return policies(dsl).listOf(actingAccount);
  }

  private AlertPolicy show(DSLContext dsl, String actingAccount, long id) {
    requireAccount(dsl, actingAccount);
    return policies(dsl)
        .find(actingAccount, id)
        .orElseThrow(() -> new UnknownAlertPolicyException(id, actingAccount));
  }

  private void requireUniqueName(
      DSLContext dsl, String accountId, AlertPolicySpec spec, Long exceptId) {
    if (policies(dsl).nameTaken(accountId, spec.name(), exceptId)) {
      throw new InvalidAlertPolicyException(
          "account " + accountId + " already has an alert policy named '" + spec.name() + "'");
    }
  }

  private AlertPolicyValidator validator(DSLContext dsl) {
    return new AlertPolicyValidator(new ConnectionFactsRepository(dsl)::find, targets);
  }

  private AlertPolicyRepository policies(DSLContext dsl) {
    return new AlertPolicyRepository(dsl, secrets);
  }

  private static void requireAccount(DSLContext dsl, String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new InvalidAlertPolicyException(
          "no acting account: give --as ACCOUNT or set PEERBILL_ACCOUNT");
    }
    if (!dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId))) {
      throw new InvalidAlertPolicyException("unknown account " + accountId);
    }
  }
}
