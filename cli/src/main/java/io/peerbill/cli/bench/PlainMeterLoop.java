package io.peerbill.cli.bench;

import io.peerbill.metering.aggregate.Buckets;
import io.peerbill.metering.model.RawRecord;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.model.TrafficCounters;
import io.peerbill.metering.source.ByteLineFormat;
import io.peerbill.metering.validate.ConnectionCatalog;
import io.peerbill.metering.validate.ConnectionInfo;
import io.peerbill.metering.validate.InvalidSampleException;
import io.peerbill.metering.validate.SampleParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The bench's yardstick: one thread reading the same input, parsing and validating it with the same
 * parser and catalog, deduplicating and summing 1- and 5-minute buckets in hash maps. No lateness,
 * no checkpoints, no sinks: what a hand-written loop would do.
 */
public final class PlainMeterLoop {

  private PlainMeterLoop() {}

  /** Returns the number of samples counted. */
  public static long run(Path file, ConnectionCatalog catalog) throws IOException {
    SampleParser parser = new SampleParser(300_000);
    Set<String> seen = new HashSet<>();
    Map<String, TrafficCounters> minutes = new HashMap<>();
    Map<String, TrafficCounters> fives = new HashMap<>();
    long now = System.currentTimeMillis();
    long counted = 0;
    var in = Files.newInputStream(file);
    var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    try (ByteLineFormat.LineReader reader = new ByteLineFormat.LineReader(stream)) {
      long line = 0;
      for (byte[] bytes = reader.read(); bytes != null; bytes = reader.read()) {
        line++;
        try {
          Sample s = parser.parse(new RawRecord("bench", Long.toString(line), bytes), now);
          ConnectionInfo c = catalog.find(s.connectionId());
          if (c == null
              || !c.isActiveAt(s.countedAt())
              || !seen.add(s.connectionId() + '|' + s.reporter() + '|' + s.seq())) {
            continue;
          }
          add(minutes, s, Buckets.MINUTE_MS);
          add(fives, s, Buckets.FIVE_MINUTES_MS);
          counted++;
        } catch (InvalidSampleException rejected) {
          // Counted as rejected by the job; the loop only skips it.
        }
      }
    }
    return counted;
  }

  private static void add(Map<String, TrafficCounters> buckets, Sample s, long length) {
    buckets
        .computeIfAbsent(
            s.connectionId() + '|' + Buckets.start(s.countedAt(), length),
            k -> new TrafficCounters())
        .add(s);
  }
}
