package io.peerbill.billing.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The CLI is the operator's tool: a read of account-scoped data names one account, or says with
 * {@code --all-accounts} that it means every one (issue 14: no account's bills by accident).
 */
final class AccountScope {

  private AccountScope() {}

  static void require(CommandSpec spec, String account, boolean allAccounts) {
    if (account == null && !allAccounts) {
      throw new ParameterException(
          spec.commandLine(), "give --account ACCOUNT, or --all-accounts for every account");
    }
    if (account != null && allAccounts) {
      throw new ParameterException(
          spec.commandLine(), "--account and --all-accounts exclude each other");
    }
  }
}
