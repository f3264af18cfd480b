package io.peerbill.metering;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.schema.jooq.Tables.METERING_WATERMARK;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.TrafficCounts;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.testkit.FlinkMiniCluster;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratedSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact across runs (DESIGN.md): what a run stores depends on which samples it has seen in all runs
 * together, never on how they were split into runs, ordered, named or repeated.
 */
@ExtendWith(PostgresExtension.class)
class ExactAcrossRunsIT {

  @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(4);

  @TempDir Path dir;

  private MeteringRunSummary stream(
      TestDatabase db, int parallelism, List<String> lines, String name) throws Exception {
    Path file = dir.resolve(name);
    java.nio.file.Files.write(file, lines);
    MeteringSettings settings = MeteringJobIT.settings(db).withParallelism(parallelism);
    return new MeteringJob(
            settings,
            SampleFiles.source(file),
            "file:" + file,
            MeteringSinks.postgres(settings, null))
        .run(MeteringEnvironment.create(settings));
  }

  private static List<String> lines(List<GeneratedRecord> records) {
    return records.stream().map(GeneratedRecord::line).toList();
  }

  private static Map<String, String> rows(DSLContext sql, boolean fiveMinutes) {
    return ExpectedRows.storedBuckets(sql, fiveMinutes);
  }

  @Test
  void replayOfAnySubsetInAnyOrderFromAFileOfAnotherNameChangesNothing_G1(TestDatabase db)
      throws Exception {
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    stream(db, 2, lines(input), "day.jsonl");
    Map<String, String> minutes = rows(db.dsl(), false);
    Map<String, String> fives = rows(db.dsl(), true);
    ExpectedRows.assertStoredExactly(db.dsl(), input);

    List<GeneratedRecord> counted =
        new ArrayList<>(input.stream().filter(GeneratedRecord::counted).toList());
    Collections.shuffle(counted, new Random(7));
    List<GeneratedRecord> subset = counted.subList(0, counted.size() / 3);
    MeteringRunSummary replay = stream(db, 2, lines(subset), "resent-later.jsonl");

    assertThat(replay.accepted()).isZero();
    assertThat(replay.duplicates()).isEqualTo(subset.size());
    assertThat(rows(db.dsl(), false)).isEqualTo(minutes);
    assertThat(rows(db.dsl(), true)).isEqualTo(fives);

    // The same file again under another name, in reverse: most of it is late now.
    List<String> reversed = new ArrayList<>(lines(input));
    Collections.reverse(reversed);
    MeteringRunSummary again = stream(db, 2, reversed, "copy-of-day.jsonl");
    assertThat(again.accepted()).isZero();
    assertThat(rows(db.dsl(), false)).isEqualTo(minutes);
    assertThat(rows(db.dsl(), true)).isEqualTo(fives);
  }

  @Test
  void newSamplesAreAddedToStoredBucketsOnTimeOrLate_G2(TestDatabase db) throws Exception {
    JobWorld world = JobWorld.register(db.dsl());
    List<GeneratedRecord> input = world.input();
    stream(db, 2, lines(input), "day.jsonl");

    // A gateway's missed samples, one a minute for the hour: on time in their own run...
    List<GeneratedRecord> missed = new ArrayList<>();
    for (int minute = 1; minute <= 60; minute++) {
      missed.add(counted(newSample(world, "gw-missed", minute, minute)));
    }
    // ...then, in the same file, samples an hour behind the stream (late: added all the same),
    // and a repeat of an already counted sample.
    missed.add(counted(newSample(world, "gw-missed", 100, 61)));
    for (int minute = 1; minute <= 5; minute++) {
      missed.add(late(newSample(world, "gw-late-again", minute, minute)));
    }
    GeneratedRecord alreadyCounted =
        input.stream().filter(r -> r.outcome().equals(GeneratedRecord.COUNTED)).findFirst().get();
    missed.add(alreadyCounted);
    MeteringRunSummary summary = stream(db, 2, lines(missed), "missed.jsonl");

    List<GeneratedRecord> all = new ArrayList<>(input);
    all.addAll(missed.subList(0, missed.size() - 1));
    assertThat(summary.accepted()).isEqualTo(missed.size() - 1);
    // Late: the five, and the repeat (late too, and then found in the ledger).
    assertThat(summary.late()).isEqualTo(6);
    assertThat(summary.duplicates()).isEqualTo(1);
    ExpectedRows.assertStoredExactly(db.dsl(), all);
  }

  @Test
  void jobAtParallelismFourSumsIntoTheSameRowsAndEveryWriterPublishesItsOwnMark_G4(TestDatabase db)
      throws Exception {
    List<GeneratedRecord> input = JobWorld.register(db.dsl()).input();
    // Half the input at parallelism 4, the other half at 2: both add into the same rows.
    List<GeneratedRecord> first = input.subList(0, input.size() / 2);
    List<GeneratedRecord> second = input.subList(input.size() / 2, input.size());
    stream(db, 4, lines(first), "first-half.jsonl");
    stream(db, 2, lines(second), "second-half.jsonl");

    assertThat(rows(db.dsl(), false)).isEqualTo(ExpectedRows.expectedBuckets(input, 60_000));
    assertThat(rows(db.dsl(), true)).isEqualTo(ExpectedRows.expectedBuckets(input, 300_000));
    var marks =
        db.dsl()
            .select(METERING_WATERMARK.STREAM, METERING_WATERMARK.WRITER)
            .from(METERING_WATERMARK)
            .where(METERING_WATERMARK.FINISHED.isTrue())
            .fetch(r -> r.value1().replaceAll(".*/", "") + "#" + r.value2());
    assertThat(marks)
        .containsExactlyInAnyOrder(
            "first-half.jsonl#0",
            "first-half.jsonl#1",
            "first-half.jsonl#2",
            "first-half.jsonl#3",
            "second-half.jsonl#0",
            "second-half.jsonl#1");
  }

  @Test
  void implausibleCountersAreRejectedWithTheirOwnReason_G5(TestDatabase db) throws Exception {
    JobWorld world = JobWorld.register(db.dsl());
    GeneratedSample huge =
        new GeneratedSample(
            world.connection(0),
            "gw-broken",
            1,
            DAY_START.plus(Duration.ofMinutes(5)).toEpochMilli(),
            60_000,
            new TrafficCounts(Long.MAX_VALUE / 2, 0, 0, 0, 0, 0));
    MeteringRunSummary summary =
        stream(db, 2, List.of(huge.json(), newSample(world, "gw-ok", 1, 3).json()), "huge.jsonl");
    assertThat(summary.rejected().get(io.peerbill.metering.model.RejectReason.IMPLAUSIBLE_COUNTER))
        .isEqualTo(1);
    assertThat(summary.accepted()).isEqualTo(1);
    assertThat(ExpectedRows.storedRejections(db.dsl())).containsOnlyKeys("IMPLAUSIBLE_COUNTER");
  }

  private static GeneratedSample newSample(JobWorld world, String reporter, long seq, int minute) {
    return new GeneratedSample(
        world.connection(seq % 3 == 0 ? 1 : 0),
        reporter,
        seq,
        DAY_START.plus(Duration.ofMinutes(minute)).toEpochMilli(),
        60_000,
        new TrafficCounts(1_000 * seq, 2_000, 10, 20, 1, 0));
  }

  private static GeneratedRecord counted(GeneratedSample s) {
    return new GeneratedRecord(s.json(), GeneratedRecord.COUNTED, s);
  }

  private static GeneratedRecord late(GeneratedSample s) {
    return new GeneratedRecord(s.json(), GeneratedRecord.LATE, s);
  }
}
