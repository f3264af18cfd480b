package io.peerbill.metering;

import static io.peerbill.schema.jooq.Tables.REJECTED_SAMPLE;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.Sample;
import io.peerbill.metering.source.SampleFiles;
import io.peerbill.metering.validate.FuzzedLines;
import io.peerbill.metering.validate.FuzzedLines.Expect;
import io.peerbill.metering.validate.FuzzedLines.Line;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedFleet;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Fuzzed files through the whole job (file source, parser, catalog, dedupe, aggregation, ledger and
 * rejection sinks) into a real PostgreSQL: the run never fails, every input line is counted once as
 * accepted, duplicate or rejected (DESIGN.md: input = accepted + duplicates + rejected, always),
 * every bad line is stored in {@code rejected_sample} with its reason, and exactly the good samples
 * are in the traffic tables. A try is a whole job, so tries are few and each file is a mix.
 */
class WireFormatFuzzIT {

  /**
   * Two connections registered once through the peering service, ACTIVE from before the fixtures'
   * first hour; every try runs on a copy of this database, so the lines name connections it has.
   */
  private static final class Registered {
    static final TestDatabase WORLD;
    static final FuzzedLines LINES;

    static {
      try {
        WORLD = PostgresExtension.newDatabase();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the fuzz test's database", e);
      }
      LINES =
          new FuzzedLines(
              GeneratedFleet.register(
                  WORLD.dsl(), 2, MeteringFixtures.DAY_START.minus(Duration.ofHours(1))));
    }
  }

  /** One entry of a fuzzed file: a good sample, a repeat of an earlier one, or a bad line. */
  sealed interface Entry permits Good, Repeat, Bad {}

  record Good(Sample sample) implements Entry {}

  record Repeat(int which) implements Entry {}

  record Bad(Line line) implements Entry {}

  @Property(tries = 4, shrinking = ShrinkingMode.OFF)
  void everyLineOfAFuzzedFileIsCountedOnceAndEveryBadOneStoredWithItsReason(
      @ForAll("files") List<Entry> entries) throws Exception {
    List<Line> lines = materialise(entries);
    long good = lines.stream().filter(l -> l.kind().equals("sample")).count();
    long repeats = lines.stream().filter(l -> l.kind().equals("repeat")).count();
    long bad = lines.stream().filter(l -> l.expect() == Expect.REJECTED).count();
    TestDatabase db = PostgresExtension.copyOf(Registered.WORLD);
    Path file = write(lines);

    MeteringSettings settings = MeteringJobIT.settings(db);
    MeteringRunSummary summary =
        new MeteringJob(
                settings, SampleFiles.source(file), "file", MeteringSinks.postgres(settings, null))
            .run(MeteringEnvironment.create(settings));

    DSLContext sql = db.dsl();
    assertThat(summary.input()).as("input").isEqualTo(lines.size());
    assertThat(summary.accepted()).as("accepted").isEqualTo(good);
    assertThat(summary.duplicates()).as("duplicates").isEqualTo(repeats);
    assertThat(summary.rejectedTotal()).as("rejected").isEqualTo(bad);
    assertThat(sql.fetchCount(REJECTED_SAMPLE)).isEqualTo(bad);
    assertThat(
            sql.fetchCount(
                REJECTED_SAMPLE,
                REJECTED_SAMPLE
                    .REASON
                    .isNull()
                    .or(DSL.coalesce(REJECTED_SAMPLE.DETAIL, "").eq(""))))
        .as("rejections without a reason")
        .isZero();
    assertThat(sampleCount(sql, TRAFFIC_1M.SAMPLE_COUNT)).isEqualTo(good);
    assertThat(sampleCount(sql, TRAFFIC_5M.SAMPLE_COUNT)).isEqualTo(good);
    Files.delete(file);
  }

  @Provide
  Arbitrary<List<Entry>> files() {
    Arbitrary<Entry> entry =
        Arbitraries.frequencyOf(
            Tuple.of(5, Registered.LINES.samples().map(Good::new)),
            Tuple.of(2, Arbitraries.integers().between(0, 1000).map(Repeat::new)),
            Tuple.of(6, Registered.LINES.bad().map(Bad::new)));
    return entry.list().ofMinSize(5).ofMaxSize(40);
  }

  /** Good samples get seqs of their own; a repeat is an earlier good line again. */
  private static List<Line> materialise(List<Entry> entries) {
    List<Line> lines = new ArrayList<>();
    List<Line> goods = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry instanceof Good g) {
        Line line = FuzzedLines.counted(g.sample(), goods.size() + 1);
        goods.add(line);
        lines.add(line);
      } else if (entry instanceof Repeat r) {
        if (!goods.isEmpty()) {
          Line earlier = goods.get(r.which() % goods.size());
          lines.add(new Line(earlier.bytes(), Expect.COUNTED, "repeat"));
        }
      } else if (entry instanceof Bad b) {
        lines.add(b.line());
      }
    }
    return lines;
  }

  private static Path write(List<Line> lines) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Line line : lines) {
      out.write(line.bytes());
      out.write('\n');
    }
    Path dir = Files.createDirectories(Path.of("target", "fuzzed-files"));
    return Files.write(Files.createTempFile(dir, "fuzzed-", ".jsonl"), out.toByteArray());
  }

  private static long sampleCount(DSLContext sql, org.jooq.TableField<?, ? extends Number> count) {
    Long sum = sql.select(DSL.sum(count)).from(count.getTable()).fetchOne(0, Long.class);
    return sum == null ? 0 : sum;
  }
}
