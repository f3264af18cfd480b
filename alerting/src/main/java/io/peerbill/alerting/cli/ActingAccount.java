package io.peerbill.alerting.cli;

import io.peerbill.alerting.InvalidAlertPolicyException;
import picocli.CommandLine.Option;

/** The account a command acts as (D2): {@code --as ACCOUNT}, or {@code PEERBILL_ACCOUNT}. */
public final class ActingAccount {

  @Option(
      names = "--as",
      paramLabel = "ACCOUNT",
      defaultValue = "${env:PEERBILL_ACCOUNT}",
      description = "Account to act as (default: PEERBILL_ACCOUNT).")
  String account;

  String require() {
    if (account == null || account.isBlank()) {
      throw new InvalidAlertPolicyException(
          "no acting account: give --as ACCOUNT or set PEERBILL_ACCOUNT");
    }
    return account.strip();
  }
}
