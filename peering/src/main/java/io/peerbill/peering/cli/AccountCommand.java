package io.peerbill.peering.cli;

import io.peerbill.peering.Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Customer accounts; a peer needs your account id for cross-account peering.",
    subcommands = {
      AccountCommand.Register.class,
      AccountCommand.Show.class,
      AccountCommand.List.class
    })
public final class AccountCommand {

  @Command(name = "register", mixinStandardHelpOptions = true, description = "Register an account.")
  static final class Register extends CommandBase {
    @Parameters(paramLabel = "ID", description = "Account id, e.g. 100001.")
    String id;

    @Option(names = "--name", description = "Display name (default: the id).")
    String name;

    @Override
    void run(Peering peering, Output out) {
      out.record(Views.of(peering.directory().registerAccount(id, name)));
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show the acting account: its id is what you give a peer (R15).")
  static final class Show extends CommandBase {
    @Override
    void run(Peering peering, Output out) {
      out.record(Views.of(peering.directory().account(actor)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class List extends CommandBase {
    @Override
    void run(Peering peering, Output out) {
      out.table(peering.directory().accounts().stream().map(Views::of).toList());
    }
  }
}
