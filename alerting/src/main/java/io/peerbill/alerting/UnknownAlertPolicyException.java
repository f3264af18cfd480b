package io.peerbill.alerting;

/** No such policy for the acting account (or it was deleted). */
public final class UnknownAlertPolicyException extends RuntimeException {
  public UnknownAlertPolicyException(long id, String accountId) {
    super("no alert policy " + id + " for account " + accountId);
  }
}
