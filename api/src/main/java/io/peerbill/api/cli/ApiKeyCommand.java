package io.peerbill.api.cli;

import io.peerbill.api.key.ApiKey;
import io.peerbill.api.key.ApiKeys;
import io.peerbill.api.key.IssuedKey;
import io.peerbill.db.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "api-key",
    mixinStandardHelpOptions = true,
    description = "API keys of the HTTP API (an operator's tool: it talks to the database).",
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.Revoke.class,
      ApiKeyCommand.List.class
    })
public final class ApiKeyCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a key acting as an account (--account) or an operator key (--operator). The key"
              + " is printed once: only its hash is stored.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Whom whom;

    static final class Whom {
      @Option(
          names = "--account",
          required = true,
          paramLabel = "ACCOUNT",
          description = "Account the key acts as.")
      String account;

      @Option(
          names = "--operator",
          required = true,
          description = "Regions, accounts, tariffs, billing runs, keys.")
      boolean operator;
    }

    @Option(names = "--label", defaultValue = "", description = "What the key is for.")
    String label;

    @Override
    public Integer call() {
      try (Database db = Database.open()) {
        ApiKeys keys = new ApiKeys(db.dsl(), Clock.systemUTC());
        IssuedKey issued =
            whom.operator
                ? keys.createForOperator(label)
                : keys.createForAccount(whom.account, label);
        PrintWriter out = spec.commandLine().getOut();
        out.println("key_id:  " + issued.key().id());
        out.println("role:    " + issued.key().role());
        out.println(
            "account: " + (issued.key().accountId() == null ? "-" : issued.key().accountId()));
        out.println("key:     " + issued.token());
        out.println("(shown once: only its SHA-256 is stored)");
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "KEY_ID",
        description = "The key's id (its prefix, as `api-key list` shows it).")
    String id;

    @Override
    public Integer call() {
      try (Database db = Database.open()) {
        ApiKey key = new ApiKeys(db.dsl(), Clock.systemUTC()).revoke(id);
        spec.commandLine().getOut().println("revoked " + key.id() + " at " + key.revokedAt());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (no secrets).")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only this account's keys.")
    String account;

    @Override
    public Integer call() {
      try (Database db = Database.open()) {
        java.util.List<ApiKey> keys = new ApiKeys(db.dsl(), Clock.systemUTC()).list(account);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-17s %-8s %-16s %-27s %-27s %s%n",
            "KEY_ID", "ROLE", "ACCOUNT", "LAST_USED", "REVOKED", "LABEL");
        for (ApiKey k : keys) {
          out.printf(
              "%-17s %-8s %-16s %-27s %-27s %s%n",
              k.id(),
              k.role(),
              k.accountId() == null ? "-" : k.accountId(),
              k.lastUsedAt() == null ? "-" : k.lastUsedAt(),
              k.revokedAt() == null ? "-" : k.revokedAt(),
              k.label());
        }
      }
      return 0;
    }
  }
}
