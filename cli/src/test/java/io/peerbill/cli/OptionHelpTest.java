package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every option and parameter of every command explains itself in {@code --help}: a description, and
 * for an option with a default, that default (picocli's {@code ${DEFAULT-VALUE}}), so nobody has to
 * read the source to learn what {@code --allowed-lateness} does or what it is unless set.
 */
class OptionHelpTest {

  @Test
  void everyOptionOfEveryCommandHasADescriptionAndShowsItsDefault() {
    List<String> unexplained = new ArrayList<>();
    walk(Main.commandLine(), unexplained);
    assertThat(unexplained).as("options without a description or their default").isEmpty();
  }

  @Test
  void theWalkReachesEveryKindOfCommand() {
    List<String> names = new ArrayList<>();
    collectNames(Main.commandLine(), names);
    assertThat(names)
        .contains(
            "peerbill stream",
            "peerbill bench stream",
            "peerbill gen-samples",
            "peerbill bill",
            "peerbill peering create",
            "peerbill alert-policy create",
            "peerbill api");
  }

  private static void collectNames(CommandLine cli, List<String> names) {
    names.add(cli.getCommandSpec().qualifiedName());
    cli.getSubcommands().values().forEach(sub -> collectNames(sub, names));
  }

  private static void walk(CommandLine cli, List<String> unexplained) {
    String command = cli.getCommandSpec().qualifiedName();
    for (OptionSpec option : cli.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp() || option.hidden()) {
        continue;
      }
      check(command + " " + option.longestName(), option, unexplained);
      boolean flag = option.arity().max() == 0;
      // description() is rendered: ${DEFAULT-VALUE} reads as the default itself.
      if (!flag && option.defaultValue() != null && !raw(option).contains(option.defaultValue())) {
        unexplained.add(command + " " + option.longestName() + ": default not shown");
      }
    }
    for (PositionalParamSpec parameter : cli.getCommandSpec().positionalParameters()) {
      if (!parameter.hidden()) {
        check(command + " " + parameter.paramLabel(), parameter, unexplained);
      }
    }
    cli.getSubcommands().values().forEach(sub -> walk(sub, unexplained));
  }

  private static void check(String name, ArgSpec arg, List<String> unexplained) {
    if (raw(arg).isBlank()) {
      unexplained.add(name + ": no description");
    }
  }

  private static String raw(ArgSpec arg) {
    return String.join(" ", arg.description());
  }
}
