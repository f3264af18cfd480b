package io.peerbill.billing.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.cli.BillCommand;
import io.peerbill.billing.cli.BillsCommand;
import io.peerbill.db.PeerbillHome;
import io.peerbill.testkit.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bill} and {@code bills} in a JVM of their own, as an operator's shell starts them: the
 * same command classes, on the test class path, against the test's PostgreSQL by URL. A test can
 * kill it (SIGKILL) where it likes.
 */
final class BillProcess {

  @Command(
      name = "peerbill",
      subcommands = {BillCommand.class, BillsCommand.class})
  static final class Commands {}

  /** Runs one command line and exits with its status; an error is one line on stderr. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Commands());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine.getErr().println("peerbill: " + e.getMessage());
          return 1;
        });
    System.exit(cli.execute(args));
  }

  /** Libraries whose logs ./peerbill keeps off the console unless PEERBILL_DEBUG=1. */
  static final List<String> CONSOLE_QUIET =
      List.of("com.zaxxer.hikari", "org.springframework", "org.jooq");

  private final Process process;
  private final Path output;

  private BillProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code peerbill args} against the database, writing statements to the folder. */
  static BillProcess start(TestDatabase database, Path statementDir, Path work, String... args)
      throws IOException {
    return start(List.of(), database, statementDir, work, args);
  }

  /** The same, with these settings too (e.g. {@code -Dpeerbill.db.connection-timeout=1s}). */
  static BillProcess start(
      List<String> settings, TestDatabase database, Path statementDir, Path work, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(settings);
    command.add("-D" + PeerbillHome.TEST_PROPERTY + "=true");
    command.add("-Xmx256m");
    // As ./peerbill does (cli's Main): the libraries' own logs stay off the console.
    for (String library : CONSOLE_QUIET) {
      command.add("-Dlogging.level." + library + "=OFF");
    }
    command.add(BillProcess.class.getName());
    command.addAll(List.of(args));
    Path output = Files.createTempFile(Files.createDirectories(work), "bill-", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    // PEERBILL_HOME stays the build's throwaway home, inherited from this JVM.
    builder.environment().put("PEERBILL_DB_URL", database.jdbcUrl());
    builder.environment().put("PEERBILL_DB_USER", database.user());
    builder.environment().put("PEERBILL_BILLING_STATEMENT_DIR", statementDir.toString());
    builder.environment().put("PEERBILL_BILLING_CHUNK_SIZE", "2");
    return new BillProcess(builder.start(), output);
  }

  /**
   * The same command in this JVM, where the billing application starts faster than in a new one:
   * for the runs a test does not disturb. Exit 0 expected; returns what it printed.
   */
  static String inThisJvm(TestDatabase db, Path statements, String... args) {
    Map<String, String> settings =
        Map.of(
            "peerbill.db.url", db.jdbcUrl(),
            "peerbill.db.user", db.user(),
            "peerbill.billing.statement-dir", statements.toString(),
            "peerbill.billing.chunk-size", "2");
    settings.forEach(System::setProperty);
    try {
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new Commands());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      assertThat(cli.execute(args)).as(out.toString()).isZero();
      return out.toString();
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }

  /** The JVM's threads, for a test that waited in vain. */
  String threads() throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print")
            .redirectErrorStream(true)
            .start();
    String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    return dump;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no finally block, no rollback sent. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
