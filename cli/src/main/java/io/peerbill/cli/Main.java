package io.peerbill.cli;

import java.util.List;
import picocli.CommandLine;

/** Entry point of {@code ./peerbill}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (!"1".equals(System.getenv("PEERBILL_DEBUG"))) {
      // A failure is one line of ours; the pool's and Spring's own reports of it (a warning per
      // broken connection, stack traces) are for PEERBILL_DEBUG=1.
      for (String library : List.of("com.zaxxer.hikari", "org.springframework", "org.jooq")) {
        System.setProperty("org.slf4j.simpleLogger.log." + library, "off");
      }
    }
    QuietFlinkShutdown.install();
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code; never throws. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PeerbillCommand());
    cli.setParameterExceptionHandler(new OneLineErrors());
    cli.setExecutionExceptionHandler(new OneLineErrors());
    shareVersion(cli, cli.getCommandSpec().versionProvider());
    return cli;
  }

  /** {@code peerbill db -V} prints what {@code peerbill -V} does, not an empty line. */
  private static void shareVersion(CommandLine cli, CommandLine.IVersionProvider version) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandSpec().version().length == 0
          && sub.getCommandSpec().versionProvider() == null) {
        sub.getCommandSpec().versionProvider(version);
      }
      shareVersion(sub, version);
    }
  }
}
