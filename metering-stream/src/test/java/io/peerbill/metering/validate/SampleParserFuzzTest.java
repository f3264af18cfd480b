package io.peerbill.metering.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.validate.FuzzedLines.Line;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Wire format v1 against fuzzed input (DESIGN.md: every rejected input is kept with a reason): the
 * parser answers every line with a sample or a reason, never another exception, and a good sample
 * reads back field for field.
 */
class SampleParserFuzzTest {

  private static final long NOW = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  private final SampleParser parser = new SampleParser(300_000);
  // The parser knows no connections: any well-formed ids do.
  private final FuzzedLines fuzzed = new FuzzedLines(List.of("pcx-a1b2c3d4", "pcx-0000zzzz"));

  @Property(tries = 400)
  void everyBadLineIsRejectedWithAReasonAndNothingElseEscapes(@ForAll("bad") Line line) {
    RawRecord record = new RawRecord("fuzz", "1", line.bytes());
    try {
      Sample parsed = parser.parse(record, NOW);
      throw new AssertionError("counted a bad line: " + line + " as " + parsed);
    } catch (InvalidSampleException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }

  @Property(tries = 200)
  void aGoodSampleReadsBackFieldForField_D4(@ForAll("samples") Sample sample, @ForAll long seqSeed)
      throws Exception {
    Line line = FuzzedLines.counted(sample, Math.floorMod(seqSeed, Long.MAX_VALUE));
    Sample parsed = parser.parse(new RawRecord("test", sample.position(), line.bytes()), NOW);
    assertThat(parsed.connectionId()).isEqualTo(sample.connectionId());
    assertThat(parsed.reporter()).isEqualTo(sample.reporter());
    assertThat(parsed.seq()).isEqualTo(Math.floorMod(seqSeed, Long.MAX_VALUE));
    assertThat(parsed.ts()).isEqualTo(sample.ts());
    assertThat(parsed.counts()).isEqualTo(sample.counts());
  }

  @Provide
  Arbitrary<Line> bad() {
    // An escaped NUL is a valid string: the connection catalog refuses it (see WireFormatFuzzIT).
    return fuzzed.bad().filter(line -> !line.kind().equals(FuzzedLines.ESCAPED_NUL));
  }

  @Provide
  Arbitrary<Sample> samples() {
    return fuzzed.samples();
  }
}
