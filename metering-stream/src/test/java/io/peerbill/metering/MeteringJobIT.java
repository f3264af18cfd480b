package io.peerbill.metering;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.schema.jooq.Tables.REJECTED_SAMPLE;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratorSpec;
import io.peerbill.tools.gen.SampleGenerator;
import io.peerbill.tools.gen.SampleWriters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a MiniCluster at parallelism 2 over a generated file of known content: exactly
 * the expected 1- and 5-minute rows, every rejection reason, and the count invariants.
 */
@ExtendWith(PostgresExtension.class)
class MeteringJobIT {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

  @TempDir Path dir;

  /** Keeps 1-minute buckets too, so the tests built on it check both tables. */
  static MeteringSettings settings(TestDatabase db) {
    return MeteringSettings.defaults(JdbcTarget.of(db.config()))
        .withMinuteBuckets(true)
        .withParallelism(2)
        .withEventTime(Duration.ofMinutes(1), Duration.ofMinutes(5))
        .withCheckpoints(Duration.ZERO, "hashmap", 0, Duration.ofSeconds(1));
  }

  @Test
  void fileRunStoresExactlyTheExpectedBucketsAndEveryRejection_D4_D12(TestDatabase db)
      throws Exception {
    Path file = dir.resolve("samples.jsonl");
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    MeteringFixtures.writeLines(file, input);

    MeteringSettings settings = settings(db);
    MeteringRunSummary summary =
        new MeteringJob(
                settings, SampleFiles.source(file), "file", MeteringSinks.postgres(settings, null))
            .run(MeteringEnvironment.create(settings));

    DSLContext sql = db.dsl();
    assertThat(ExpectedRows.expectedBuckets(input, 60_000)).hasSizeGreaterThan(300);
    assertThat(ExpectedRows.storedBuckets(sql, false))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 60_000));
    assertThat(ExpectedRows.storedBuckets(sql, true))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 300_000));
    Map<String, Long> rejections = ExpectedRows.expectedRejections(input);
    assertThat(rejections.keySet())
        .containsExactlyInAnyOrder(
            "MALFORMED",
            "MISSING_FIELD",
            "NEGATIVE_COUNTER",
            "BAD_INTERVAL",
            "FUTURE_TIMESTAMP",
            "UNKNOWN_CONNECTION",
            "NOT_ACTIVE");
    assertThat(ExpectedRows.storedRejections(sql)).isEqualTo(rejections);
    assertCountInvariants(sql, summary, input);
  }

  /** Run with the default settings: PostgreSQL keeps the 5-minute buckets billing reads only. */
  @Test
  void gzipFolderOfConsecutiveFilesCountsEverySampleOnceIntoFiveMinuteBuckets_D5(TestDatabase db)
      throws Exception {
    JobWorld world = JobWorld.register(db.dsl());
    Path folder = dir.resolve("replay");
    GeneratorSpec spec = GeneratorSpec.clean(5, 2, DAY_START, Duration.ofHours(1), 3);
    List<GeneratedRecord> input = new ArrayList<>();
    try (SampleWriters.Output out = SampleWriters.files(folder, 4, spec, true)) {
      SampleGenerator.forConnections(spec, world.connections().subList(0, 5))
          .generate(
              r -> {
                input.add(r);
                out.accept(r);
              });
    }
    assertThat(folder.resolve("samples-0004.jsonl.gz")).exists();

    MeteringSettings settings = settings(db).withMinuteBuckets(false);
    MeteringRunSummary summary =
        new MeteringJob(
                settings,
                SampleFiles.source(folder),
                "file",
                MeteringSinks.postgres(settings, null))
            .run(MeteringEnvironment.create(settings));

    assertThat(summary.accepted()).isEqualTo(5 * 2 * 60);
    assertThat(ExpectedRows.storedBuckets(db.dsl(), true))
        .isEqualTo(ExpectedRows.expectedBuckets(input, 300_000));
    assertThat(db.dsl().fetchCount(TRAFFIC_1M)).isZero();
    assertThat(db.dsl().fetchCount(REJECTED_SAMPLE)).isZero();
  }

  /**
   * accepted + duplicates + rejected = input; every accepted sample, late ones included, is in both
   * tables (G2: a late sample is added to its bucket, not rejected).
   */
  static void assertCountInvariants(
      DSLContext sql, MeteringRunSummary summary, List<GeneratedRecord> input) {
    long duplicates = input.stream().filter(r -> r.outcome().equals("DUPLICATE")).count();
    long late = input.stream().filter(r -> r.outcome().equals(GeneratedRecord.LATE)).count();
    assertThat(late).isPositive();
    assertThat(summary.input()).isEqualTo(input.size());
    assertThat(summary.duplicates()).isEqualTo(duplicates);
    assertThat(summary.late()).isEqualTo(late);
    assertThat(summary.accepted() + summary.duplicates() + summary.rejectedTotal())
        .isEqualTo(summary.input());
    long rejectedRows = sql.fetchCount(REJECTED_SAMPLE);
    assertThat(rejectedRows).isEqualTo(summary.rejectedTotal());
    long counted1m =
        sql.select(DSL.sum(TRAFFIC_1M.SAMPLE_COUNT)).from(TRAFFIC_1M).fetchOne(0, Long.class);
    long counted5m =
        sql.select(DSL.sum(TRAFFIC_5M.SAMPLE_COUNT)).from(TRAFFIC_5M).fetchOne(0, Long.class);
    assertThat(counted1m).isEqualTo(summary.accepted()).isEqualTo(counted5m);
    assertThat(counted1m + duplicates + rejectedRows).isEqualTo(input.size());
  }
}
