package io.peerbill.metering;

import io.peerbill.alerting.TrafficCounts;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.Sample;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratedSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named instants and builders shared by the metering tests. */
public final class MeteringFixtures {

  public static final Instant DAY_START = Instant.parse("2026-11-20T00:00:00Z");
  public static final Instant ONE_MINUTE_LATER = DAY_START.plus(Duration.ofMinutes(1));
  public static final Instant FIVE_MINUTES_LATER = DAY_START.plus(Duration.ofMinutes(5));
  public static final Instant ONE_HOUR_LATER = DAY_START.plus(Duration.ofHours(1));

  /**
   * A connection id for tests of operators that never look a connection up (parser, dedupe,
   * lateness); tests that do register theirs through the peering service and use the ids it gives.
   */
  public static final String CONNECTION = "pcx-g0000001";

  private MeteringFixtures() {}

  /** A sample of 60 s ending at {@code end} with the given bytes in and out. */
  public static Sample sample(
      String connection, String reporter, long seq, Instant end, long in, long out) {
    return new Sample(
        connection,
        reporter,
        seq,
        end.toEpochMilli(),
        60_000,
        new TrafficCounts(in, out, in / 100, out / 100, 1, 2),
        "test",
        Long.toString(seq));
  }

  public static RawRecord raw(Sample sample) {
    return new RawRecord("test", sample.position(), json(sample));
  }

  /** The sample as a line of wire format v1, rendered as the generator renders its samples. */
  public static String json(Sample s) {
    return new GeneratedSample(
            s.connectionId(), s.reporter(), s.seq(), s.ts(), s.intervalMs(), s.counts())
        .json();
  }

  public static RawRecord raw(String text) {
    return new RawRecord("test", "1", text);
  }

  /** Writes the records' lines to a file, one per line, in order. */
  public static Path writeLines(Path file, List<GeneratedRecord> records) throws IOException {
    Files.write(file, records.stream().map(GeneratedRecord::line).toList());
    return file;
  }
}
