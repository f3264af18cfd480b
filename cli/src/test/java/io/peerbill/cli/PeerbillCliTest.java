package io.peerbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's Java side, run as users run it: a separate JVM with its own environment. */
class PeerbillCliTest {

  record Result(int exit, String out, String err) {}

  static Result peerbill(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("PEERBILL_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), out, err);
  }

  @Test
  void dbStatusStartsEmbeddedPostgresAndReusesItsFolder(@TempDir Path home) throws Exception {
    Map<String, String> env = Map.of("PEERBILL_HOME", home.toString());
    Result first = peerbill(env, "db", "status");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("embedded PostgreSQL in " + home.resolve("pgdata-17"))
        .contains("server:         PostgreSQL 17.")
        .containsPattern("schema version: \\d+");

    Result second = peerbill(env, "db", "status");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("embedded PostgreSQL in " + home.resolve("pgdata-17"));
  }

  @Test
  void unreachableDatabaseIsOneLineAndNonZeroExit(@TempDir Path home) throws Exception {
    Result result =
        peerbill(
            Map.of(
                "PEERBILL_HOME",
                home.toString(),
                "PEERBILL_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/peerbill"),
            "db",
            "status");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err().strip())
        .startsWith("peerbill: cannot use PostgreSQL at jdbc:postgresql://127.0.0.1:1/peerbill")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void unknownCommandIsOneLineAndUsageExit() {
    StringCapture capture = new StringCapture();
    int exit = capture.run("frobnicate");
    assertThat(exit).isEqualTo(2);
    assertThat(capture.err().strip())
        .isEqualTo("peerbill: unknown command 'frobnicate' (see 'peerbill --help')");
  }

  @Test
  void badOptionIsOneLineAndUsageExit() {
    StringCapture capture = new StringCapture();
    int exit = capture.run("db", "status", "--bogus");
    assertThat(exit).isEqualTo(2);
    assertThat(capture.err().strip())
        .isEqualTo("peerbill: Unknown option: '--bogus' (see 'peerbill db status --help')");
  }

  @Test
  void helpListsTheSubcommands() {
    StringCapture capture = new StringCapture();
    assertThat(capture.run("--help")).isZero();
    assertThat(capture.out()).contains("db ");
  }

  /** Runs the command tree in-process with captured output. */
  static final class StringCapture {
    private final java.io.StringWriter out = new java.io.StringWriter();
    private final java.io.StringWriter err = new java.io.StringWriter();

    int run(String... args) {
      var cli = Main.commandLine();
      cli.setOut(new java.io.PrintWriter(out));
      cli.setErr(new java.io.PrintWriter(err));
      return cli.execute(args);
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }
  }
}
