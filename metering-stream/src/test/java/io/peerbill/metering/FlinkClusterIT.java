package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.testkit.StandaloneFlink;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as production runs it: {@code flink run} against a standalone Flink cluster (a
 * JobManager and a TaskManager in JVMs of their own, with only Flink's libraries), over the same
 * input as {@link MeteringJobIT}, stores exactly the same rows. Proves the jar carries everything
 * the job needs beyond Flink, and that its main runs on a cluster's environment.
 */
@ExtendWith(PostgresExtension.class)
class FlinkClusterIT {

  @TempDir Path dir;

  @Test
  void shadedJarRunOnAStandaloneClusterStoresExactlyTheExpectedRows_D4_D12(TestDatabase db)
      throws Exception {
    boolean inCi = "true".equals(System.getenv("CI"));
    assumeTrue(
        inCi || (StandaloneFlink.available() && shadedJar() != null),
        "no shaded jar or cluster classpath: run `./mvnw verify` (package comes first)");
    Path jar = shadedJar();
    Path file = dir.resolve("samples.jsonl");
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    MeteringFixtures.writeLines(file, input);

    try (StandaloneFlink flink = StandaloneFlink.start(dir.resolve("flink"), 2)) {
      StandaloneFlink.Run run =
          flink.run(
              jar,
              clientEnvironment(db),
              "--source",
              "file:" + file,
              "--parallelism",
              "2",
              "--out-of-orderness",
              "1m",
              "--allowed-lateness",
              "5m",
              "--no-alerts",
              "--minute-buckets");
      assertThat(run.exitCode()).as(run.output() + flink.logs()).isZero();
    }

    DSLContext sql = db.dsl();
    ExpectedRows.assertStoredExactly(sql, input);
  }

  /** Where the job's main finds the database (the embedded test server has no password). */
  private Map<String, String> clientEnvironment(TestDatabase db) {
    Map<String, String> env = new HashMap<>();
    env.put(DatabaseConfig.ENV_URL, db.config().url());
    env.put(DatabaseConfig.ENV_USER, db.config().user());
    if (db.config().password() != null) {
      env.put(DatabaseConfig.ENV_PASSWORD, db.config().password());
    }
    env.put("PEERBILL_HOME", dir.resolve("home").toString());
    return env;
  }

  private static Path shadedJar() throws Exception {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().endsWith("-flink.jar"))
          .findFirst()
          .orElse(null);
    }
  }
}
