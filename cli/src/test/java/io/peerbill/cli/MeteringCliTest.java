package io.peerbill.cli;

import static io.peerbill.cli.PeerbillCliTest.peerbill;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.cli.PeerbillCliTest.Result;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen-samples} and {@code stream} as users run them, on the embedded PostgreSQL. */
class MeteringCliTest {

  @Test
  void generatedSamplesStreamIntoTheEmbeddedDatabaseWithMatchingCounts(@TempDir Path home)
      throws Exception {
    Map<String, String> env = Map.of("PEERBILL_HOME", home.toString());
    Path samples = home.resolve("samples.jsonl.gz");
    Result gen = registerAndGenerate(env, samples);
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(gen.out()).contains("wrote ").containsPattern("COUNTED\\s+\\d+");
    // Registered through the peering service, so a second --register reuses the same connections
    // (their names say which) and writes the same samples for them.
    Path again = home.resolve("again.jsonl.gz");
    Result regen = registerAndGenerate(env, again);
    assertThat(regen.exit()).as(regen.err()).isZero();
    assertThat(gunzip(again)).isEqualTo(gunzip(samples));

    Result stream =
        peerbill(env, "stream", "--source", "file:" + samples, "--checkpoint-interval", "1s");
    assertThat(stream.exit()).as(stream.err()).isZero();
    assertThat(stream.err()).as("Flink stays quiet").isEmpty();
    assertThat(count(stream.out(), "accepted:")).isEqualTo(count(gen.out(), "COUNTED"));
    assertThat(count(stream.out(), "duplicates:")).isEqualTo(count(gen.out(), "DUPLICATE"));
    assertThat(count(stream.out(), "input:")).isEqualTo(count(gen.out(), "wrote"));
  }

  /** Issue 15: a bench leaves no synthetic rows in the user's database (it has one of its own). */
  @Test
  void benchStreamRunsInADatabaseOfItsOwnAndLeavesTheUsersHomeUntouched(@TempDir Path home)
      throws Exception {
    Result bench =
        peerbill(
            Map.of("PEERBILL_HOME", home.toString()),
            "bench",
            "stream",
            "--connections",
            "3",
            "--span",
            "10m",
            "--sinks",
            "postgres");
    assertThat(bench.exit()).as(bench.err()).isZero();
    assertThat(bench.out()).contains("samples:").contains("ledger:");
    try (var left = java.nio.file.Files.list(home)) {
      assertThat(left).as("nothing written to the user's home").isEmpty();
    }
  }

  /**
   * Issue 14: {@code gen-samples --register} adds synthetic ACTIVE connections; on a configured
   * database (which may be production) it refuses in one line unless told the data is synthetic.
   */
  @Test
  void registerRefusesAConfiguredDatabaseUnlessTheDataIsSaidToBeSynthetic(@TempDir Path home)
      throws Exception {
    TestDatabase db = PostgresExtension.newDatabase();
    Map<String, String> env =
        Map.of(
            "PEERBILL_HOME",
            home.toString(),
            "PEERBILL_DB_URL",
            db.jdbcUrl(),
            "PEERBILL_DB_USER",
            db.user());
    String[] args = {
      "gen-samples",
      "--connections",
      "3",
      "--span",
      "10m",
      "--register",
      "--out",
      home.resolve("samples.jsonl").toString()
    };

    Result refused = peerbill(env, args);
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err().strip())
        .startsWith("peerbill: --register would add 3 synthetic ACTIVE connections to the")
        .contains(db.jdbcUrl())
        .endsWith(
            "add --synthetic-data if it holds test data only (see 'peerbill gen-samples --help')")
        .doesNotContain("\n");
    assertThat(db.dsl().fetchCount(PEERING_CONNECTION)).isZero();
    assertThat(home.resolve("samples.jsonl")).doesNotExist();

    String[] synthetic = java.util.Arrays.copyOf(args, args.length + 1);
    synthetic[args.length] = "--synthetic-data";
    Result registered = peerbill(env, synthetic);
    assertThat(registered.exit()).as(registered.err()).isZero();
    assertThat(db.dsl().fetchCount(PEERING_CONNECTION)).isEqualTo(3);
  }

  @Test
  void badSourceIsOneLineAndNonZeroExit(@TempDir Path home) throws Exception {
    Result result =
        peerbill(Map.of("PEERBILL_HOME", home.toString()), "stream", "--source", "ftp:x");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo("peerbill: --source must be file:PATH or kafka:TOPIC, got 'ftp:x'");
  }

  private static long count(String output, String label) {
    return output
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith(label))
        .map(l -> l.substring(label.length()).strip().split("\\s+")[0])
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + label + "' in: " + output));
  }

  /** {@code gen-samples --register} of 4 connections' half hour, with faults, into a file. */
  private static Result registerAndGenerate(Map<String, String> env, Path out) throws Exception {
    return peerbill(
        env,
        "gen-samples",
        "--connections",
        "4",
        "--span",
        "30m",
        "--register",
        "--start",
        "2026-11-20T00:00:00Z",
        "--malformed",
        "0.05",
        "--duplicates",
        "0.05",
        "--out",
        out.toString());
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
