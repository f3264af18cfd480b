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

  public AlertPolicyService(DSLContext dsl) {
    this.dsl = dsl;
  }

  public AlertPolicy create(String actingAccount, AlertPolicySpec spec) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          requireAccount(t, actingAccount);
          validator(t).validate(actingAccount, spec);
          requireUniqueName(t, actingAccount, spec, null);
          return new AlertPolicyRepository(t).insert(actingAccount, spec);
        });
  }

  public AlertPolicy update(String actingAccount, long id, AlertPolicySpec spec) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          AlertPolicy current = show(t, actingAccount, id);
          validator(t).validate(actingAccount, spec);
          requireUniqueName(t, actingAccount, spec, id);
          return new AlertPolicyRepository(t).update(current, spec);
        });
  }

  public AlertPolicy setEnabled(String actingAccount, long id, boolean enabled) {
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          return new AlertPolicyRepository(t).setEnabled(show(t, actingAccount, id), enabled);
        });
  }

  public void delete(String actingAccount, long id) {
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          new AlertPolicyRepository(t).delete(show(t, actingAccount, id));
        });
  }

  public AlertPolicy show(String actingAccount, long id) {
    return show(dsl, actingAccount, id);
  }

  public List<AlertPolicy> list(String actingAccount) {
    requireAccount(dsl, actingAccount);
    return new AlertPolicyRepository(dsl).listOf(actingAccount);
  }

  private static AlertPolicy show(DSLContext dsl, String actingAccount, long id) {
    requireAccount(dsl, actingAccount);
    return new AlertPolicyRepository(dsl)
        .find(actingAccount, id)
        .orElseThrow(() -> new UnknownAlertPolicyException(id, actingAccount));
  }

  private static void requireUniqueName(
      DSLContext dsl, String accountId, AlertPolicySpec spec, Long exceptId) {
    if (new AlertPolicyRepository(dsl).nameTaken(accountId, spec.name(), exceptId)) {
      throw new InvalidAlertPolicyException(
          "account " + accountId + " already has an alert policy named '" + spec.name() + "'");
    }
  }

  private static AlertPolicyValidator validator(DSLContext dsl) {
    return new AlertPolicyValidator(new ConnectionFactsRepository(dsl)::find);
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
