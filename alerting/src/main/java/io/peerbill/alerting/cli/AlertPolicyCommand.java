package io.peerbill.alerting.cli;

import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertPolicyService;
import io.peerbill.db.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ./peerbill alert-policy ...}: an account's alert policies (D11). */
@Command(
    name = "alert-policy",
    mixinStandardHelpOptions = true,
    description = "Alert policies: a metric condition on connections, notified by signed webhooks.",
    subcommands = {
      AlertPolicyCreateCommand.class,
      AlertPolicyCommand.ListPolicies.class,
      AlertPolicyCommand.Show.class,
      AlertPolicyUpdateCommand.class,
      AlertPolicyCommand.Enable.class,
      AlertPolicyCommand.Disable.class,
      AlertPolicyCommand.Delete.class
    })
public final class AlertPolicyCommand {

  private final Supplier<Database> database;

  public AlertPolicyCommand() {
    this(Database::open);
  }

  /** With another database than the configured one (tests). */
  public AlertPolicyCommand(Supplier<Database> database) {
    this.database = database;
  }

  <T> T withService(Function<AlertPolicyService, T> work) {
    try (Database db = database.get()) {
      return work.apply(new AlertPolicyService(db.dsl()));
    }
  }

  /** Options every subcommand shares: the acting account and the output format. */
  abstract static class PolicySubcommand implements Callable<Integer> {
    @ParentCommand AlertPolicyCommand parent;
    @Mixin ActingAccount as;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    void print(AlertPolicy policy) {
      if (json) {
        PolicyPrinter.json(out(), policy);
      } else {
        PolicyPrinter.details(out(), policy);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the policies.")
  static final class ListPolicies extends PolicySubcommand {
    @Override
    public Integer call() {
      var policies = parent.withService(s -> s.list(as.require()));
      if (json) {
        PolicyPrinter.json(out(), policies);
      } else {
        PolicyPrinter.table(out(), policies);
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one policy.")
  static final class Show extends PolicySubcommand {
    @Parameters(paramLabel = "ID", description = "Policy id, as `alert-policy list` shows it.")
    long id;

    @Override
    public Integer call() {
      print(parent.withService(s -> s.show(as.require(), id)));
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Evaluate it again.")
  static final class Enable extends PolicySubcommand {
    @Parameters(paramLabel = "ID", description = "Policy id, as `alert-policy list` shows it.")
    long id;

    @Override
    public Integer call() {
      print(parent.withService(s -> s.setEnabled(as.require(), id, true)));
      return 0;
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Stop evaluating it (its alerts end without a notice).")
  static final class Disable extends PolicySubcommand {
    @Parameters(paramLabel = "ID", description = "Policy id, as `alert-policy list` shows it.")
    long id;

    @Override
    public Integer call() {
      print(parent.withService(s -> s.setEnabled(as.require(), id, false)));
      return 0;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete it; its past alerts stay listed.")
  static final class Delete extends PolicySubcommand {
    @Parameters(paramLabel = "ID", description = "Policy id, as `alert-policy list` shows it.")
    long id;

    @Override
    public Integer call() {
      parent.withService(
          s -> {
            s.delete(as.require(), id);
            return null;
          });
      out().println("deleted alert policy " + id);
      out().flush();
      return 0;
    }
  }
}
