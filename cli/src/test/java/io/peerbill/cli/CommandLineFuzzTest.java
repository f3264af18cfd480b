package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Random argument vectors to the {@code ./peerbill} command tree in-process (README: errors are one
 * line on stderr, exit 2 for a bad command line, 0 for help): words from the real tree
 * (subcommands, their options) mixed with hostile values. A vector that the parser refuses, or that
 * asks for help or the version, is run; one that would really run a command (a demo, a server, a
 * bill) is only parsed: those are the other tests' business.
 */
class CommandLineFuzzTest {

  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "-",
          "--",
          "---",
          "-1",
          "0",
          "99999999999999999999999",
          "1e309",
          "NaN",
          "2026-02-30",
          "2026-13-01",
          "25:61",
          "Mars/Olympus",
          "\0",
          "a\0b",
          "a\nb",
          "\r\n",
          "😀",
          "广州",
          "--=",
          "-=x",
          "@",
          "@/nonexistent/args",
          "file:",
          "kafka:",
          "ftp:x",
          "jdbc:postgresql://",
          "x".repeat(10_000),
          "--help=yes",
          "-Dx=y",
          "%n%s%d",
          "${env:HOME}");

  /**
   * One command tree for every try (picocli resets every option before a parse; building the tree
   * costs more than a try).
   */
  private static final CommandLine CLI = Main.commandLine();

  private static final StringWriter OUT = new StringWriter();
  private static final StringWriter ERR = new StringWriter();

  private static final List<List<String>> COMMANDS = commandPaths(CLI, List.of());

  static {
    CLI.setOut(new PrintWriter(OUT, true));
    CLI.setErr(new PrintWriter(ERR, true));
  }

  @Property(tries = 1000)
  void everyBadCommandLineIsOneLineAndExit2AndHelpIsExit0(@ForAll("vectors") List<String> args) {
    ParseResult parsed;
    try {
      parsed = CLI.parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      Statistics.collect("refused");
      Run run = Run.of(args);
      assertThat(run.exit()).as(run.toString()).isEqualTo(OneLineErrors.USAGE);
      assertOneLineError(run);
      return;
    }
    if (helpAsked(parsed)) {
      Statistics.collect("help");
      Run run = Run.of(args);
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.err()).as(run.toString()).isEmpty();
      assertThat(run.out()).as(run.toString()).isNotBlank();
    } else {
      Statistics.collect("would run");
    }
  }

  private static void assertOneLineError(Run run) {
    String err = run.err();
    assertThat(err).as(run.toString()).startsWith("peerbill: ").endsWith("\n");
    assertThat(err.strip()).as(run.toString()).doesNotContain("\n").doesNotContain("\tat ");
    assertThat(err)
        .as("names no Java exception: " + run)
        .doesNotContainPattern("\\b(java|javax|picocli)\\.[\\w.]*(Exception|Error)\\b");
    assertThat(run.out()).as(run.toString()).isEmpty();
  }

  private static boolean helpAsked(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  @Provide
  Arbitrary<List<String>> vectors() {
    Arbitrary<List<String>> path = Arbitraries.of(COMMANDS);
    return path.flatMap(
        command -> {
          List<String> words = optionNames(command);
          Arbitrary<String> token =
              Arbitraries.frequencyOf(
                  net.jqwik.api.Tuple.of(4, Arbitraries.of(words)),
                  net.jqwik.api.Tuple.of(4, Arbitraries.of(HOSTILE)),
                  net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(12)),
                  net.jqwik.api.Tuple.of(
                      1, Arbitraries.of(COMMANDS.subList(1, COMMANDS.size())).map(c -> c.get(0))));
          return token
              .list()
              .ofMaxSize(6)
              .map(
                  rest -> {
                    List<String> args = new ArrayList<>(command);
                    args.addAll(rest);
                    return args;
                  });
        });
  }

  /** Every path of subcommand names in the tree, the root's empty one included. */
  private static List<List<String>> commandPaths(CommandLine cli, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    paths.add(prefix);
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                paths.addAll(commandPaths(sub, path));
              }
            });
    return paths;
  }

  private static List<String> optionNames(List<String> path) {
    CommandSpec spec = CLI.getCommandSpec();
    for (String name : path) {
      spec = spec.subcommands().get(name).getCommandSpec();
    }
    List<String> names = new ArrayList<>(List.of("--no-such-option", "-Z"));
    for (OptionSpec option : spec.options()) {
      names.addAll(List.of(option.names()));
    }
    return names;
  }

  /** One in-process run with its output captured. */
  record Run(List<String> args, int exit, String out, String err) {
    static Run of(List<String> args) {
      OUT.getBuffer().setLength(0);
      ERR.getBuffer().setLength(0);
      int exit = CLI.execute(args.toArray(String[]::new));
      CLI.getOut().flush();
      CLI.getErr().flush();
      return new Run(args, exit, OUT.toString(), ERR.toString());
    }

    @Override
    public String toString() {
      return "peerbill " + args + " -> exit " + exit + ", err: " + err + ", out: " + out;
    }
  }
}
