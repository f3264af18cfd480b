package io.peerbill.metering;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.db.DatabaseConfig;
import io.peerbill.metering.cli.MeteringMain;
import io.peerbill.metering.testkit.InProcessKafka;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * G3, kill anywhere and lose nothing: {@code peerbill stream} reading Kafka runs in a JVM of its
 * own and is killed with SIGKILL again and again, at random moments, right after a checkpoint (when
 * the group's committed offsets move) and in the middle of a batch write (while the ledger
 * statement runs in PostgreSQL); each time the same command is started again. The last run is let
 * finish, and every stored row must be what one undisturbed run over the same messages stores.
 */
@ExtendWith(PostgresExtension.class)
class StreamKillIT {

  @RegisterExtension static final InProcessKafka KAFKA = new InProcessKafka();

  static final String TOPIC = "kill-samples";
  static final String GROUP = "kill-test";
  static final int KILLS = 6;
  static final int CONNECTIONS = 600;

  @TempDir Path home;

  enum KillPoint {
    AT_RANDOM,
    RIGHT_AFTER_A_CHECKPOINT,
    IN_A_BATCH_WRITE
  }

  @Test
  void sigkilledStreamStartedAgainEndsWithTheRowsOfAnUndisturbedRun_G3(TestDatabase db)
      throws Exception {
    // Enough input that a fast machine still has some left when the later kills are due: a run
    // that finds the topic drained ends before its kill and does not count as one.
    List<String> connections =
        GeneratedFleet.register(db.dsl(), CONNECTIONS, DAY_START.minus(Duration.ofHours(1)));
    GeneratorSpec spec =
        GeneratorSpec.clean(CONNECTIONS, 2, DAY_START, Duration.ofHours(12), 11)
            .withFaults(0.002, 0.002, 0.002, Duration.ofMinutes(30), 0.002);
    List<GeneratedRecord> input = new ArrayList<>();
    SampleGenerator.forConnections(spec, connections).generate(input::add);
    KAFKA.createTopic(TOPIC, 2);
    KAFKA.sendKeyedByConnection(TOPIC, input);

    Random random = new Random(3);
    List<String> kills = new ArrayList<>();
    int run = 0;
    StringBuilder unkilled = new StringBuilder();
    // Until each kind of kill has hit twice; a run that ends before its kill just ends (its
    // rows must be right all the same), so the loop is bounded.
    while (kills.size() < KILLS && run < 2 * KILLS) {
      KillPoint point = KillPoint.values()[kills.size() % KillPoint.values().length];
      if (killAt(point, run, start(db, run), db.dsl(), random)) {
        kills.add(point.name());
      } else {
        unkilled.append(Files.readString(home.resolve("run-" + run + ".log")));
      }
      run++;
    }
    Process last = start(db, run);
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(home.resolve("run-" + run + ".log"));
    assertThat(last.exitValue()).as(output).isZero();

    // Each kind of kill at least once. More is not always possible: on a fast machine the runs
    // after a committed checkpoint drain the rest of the topic before their kill is due.
    assertThat(kills)
        .as("kills that hit a running stream; the runs that ended first said:%n%s", unkilled)
        .hasSizeGreaterThanOrEqualTo(KillPoint.values().length);
    assertThat(kills).contains("AT_RANDOM", "RIGHT_AFTER_A_CHECKPOINT", "IN_A_BATCH_WRITE");
    // It says where it starts: the offsets the group committed, or the start when a kill came
    // before any commit (the ledger makes both exact).
    assertThat(output.lines().findFirst().orElse(""))
        .matches(
            "(resuming kafka:"
                + TOPIC
                + " from the offsets group "
                + GROUP
                + " committed: .*|reading kafka:"
                + TOPIC
                + " from the start: group "
                + GROUP
                + " has committed nothing)");
    ExpectedRows.assertStoredExactly(db.dsl(), input);
  }

  private Process start(TestDatabase db, int run) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            // The coordinator's line for each completed checkpoint is the kill signal.
            "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.checkpoint.CheckpointCoordinator"
                + "=info",
            "-cp",
            System.getProperty("java.class.path"),
            MeteringMain.class.getName(),
            "--source",
            "kafka:" + TOPIC,
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--group-id",
            GROUP,
            "--bounded",
            "--parallelism",
            "1",
            "--checkpoint-interval",
            "200ms",
            "--minute-buckets");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("run-" + run + ".log").toFile());
    DatabaseConfig config = db.config();
    Map<String, String> env = builder.environment();
    env.put(DatabaseConfig.ENV_URL, config.url());
    env.put(DatabaseConfig.ENV_USER, config.user());
    if (config.password() != null) {
      env.put(DatabaseConfig.ENV_PASSWORD, config.password());
    }
    env.put(DatabaseConfig.ENV_HOME, home.toString());
    Files.writeString(home.resolve("peerbill.properties"), "");
    env.put(DatabaseConfig.ENV_CONFIG, home.resolve("peerbill.properties").toString());
    return builder.start();
  }

  /** Kills the process at the point; false when it ended first (nothing to kill). */
  private boolean killAt(KillPoint point, int run, Process stream, DSLContext sql, Random random)
      throws Exception {
    BooleanSupplier due =
        switch (point) {
          case AT_RANDOM -> {
            long at =
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000 + random.nextInt(4000));
            yield () -> System.nanoTime() >= at;
          }
          case RIGHT_AFTER_A_CHECKPOINT -> () -> log(run).contains("Completed checkpoint");
          case IN_A_BATCH_WRITE -> () -> writing(sql);
        };
    while (stream.isAlive()) {
      if (due.getAsBoolean()) {
        stream.destroyForcibly(); // SIGKILL
        stream.waitFor();
        return true;
      }
      Thread.sleep(point == KillPoint.RIGHT_AFTER_A_CHECKPOINT ? 20 : 1);
    }
    return false;
  }

  /** Whether the stream's ledger statement is running in PostgreSQL right now. */
  private static boolean writing(DSLContext sql) {
    return sql.fetchExists(
        DSL.selectOne()
            .from("pg_stat_activity")
            .where(
                "state = 'active' AND query LIKE '%FOR UPDATE%' AND query LIKE '%sample_ledger%'"
                    + " AND pid <> pg_backend_pid()"));
  }

  private String log(int run) {
    try {
      return Files.readString(home.resolve("run-" + run + ".log"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
