package io.peerbill.tools.gen;

import io.peerbill.alerting.TrafficCounts;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates wire-format samples in stream order (interval by interval), deterministic for a seed,
 * each labelled with what the job must make of it. Tests derive the expected rows from the labels;
 * the bench and the demo use the lines.
 */
public final class SampleGenerator {

  /** Far beyond any clock skew tolerance: year 2200. */
  static final long FUTURE_TS = 7_258_118_400_000L;

  /** Broken lines, named as the job's reject reasons (the tests compare the two). */
  private enum BadKind {
    MALFORMED,
    MISSING_FIELD,
    NEGATIVE_COUNTER,
    BAD_INTERVAL,
    FUTURE_TIMESTAMP
  }

  private static final BadKind[] BAD_KINDS = BadKind.values();

  private final GeneratorSpec spec;
  private final List<GeneratedConnection> connections;
  private final List<String> ids;

  /**
   * Traffic for {@code spec.connections()} generated connections (pcx-g0000001, ...) with base
   * levels drawn log-uniformly between 1 and 800 Mbps.
   */
  public SampleGenerator(GeneratorSpec spec) {
    this(spec, null);
  }

  /** Traffic for the given connections, e.g. ones registered through the peering service. */
  public SampleGenerator(GeneratorSpec spec, List<GeneratedConnection> connections) {
    this(spec, connections, null);
  }

  /**
   * Traffic as {@link #SampleGenerator(GeneratorSpec)} makes it, for these connection ids (e.g.
   * {@link GeneratedFleet#register}'s): the same samples but for their ids.
   */
  public static SampleGenerator forConnections(GeneratorSpec spec, List<String> ids) {
    return new SampleGenerator(spec, null, ids);
  }

  private SampleGenerator(
      GeneratorSpec spec, List<GeneratedConnection> connections, List<String> ids) {
    int given = connections != null ? connections.size() : ids != null ? ids.size() : -1;
    if (given >= 0 && given != spec.connections()) {
      throw new IllegalArgumentException(
          "spec is for " + spec.connections() + " connections, got " + given);
    }
    this.spec = spec;
    this.connections = connections;
    this.ids = ids;
  }

  public void generate(Consumer<GeneratedRecord> out) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    TrafficShape[] shapes = new TrafficShape[spec.connections()];
    String[] idOf = new String[spec.connections()];
    for (int c = 0; c < shapes.length; c++) {
      if (connections == null) {
        // Log-uniform between 1 and 800 Mbps.
        shapes[c] = new TrafficShape(1e6 * Math.pow(800, random.nextDouble()));
        idOf[c] = ids != null ? ids.get(c) : GeneratorSpec.connectionId(c);
      } else {
        shapes[c] = new TrafficShape(connections.get(c).baseBps());
        idOf[c] = connections.get(c).connectionId();
      }
    }
    long[] seqs = new long[spec.connections() * spec.reporters()];
    long intervalMs = spec.interval().toMillis();
    long start = spec.start().toEpochMilli();
    long end = start + spec.span().toMillis();
    Deque<GeneratedRecord> held = new ArrayDeque<>();
    int badCount = 0;
    long unknownSeq = 0;
    for (long ts = start + intervalMs; ts <= end; ts += intervalMs) {
      while (!held.isEmpty() && held.peekFirst().sample().ts() + spec.lateBy().toMillis() <= ts) {
        out.accept(held.pollFirst());
      }
      for (int c = 0; c < spec.connections(); c++) {
        double bps = shapes[c].bps(ts, random);
        for (int r = 0; r < spec.reporters(); r++) {
          GeneratedSample s = sample(idOf[c], r, ++seqs[c * spec.reporters() + r], ts, bps, random);
          GeneratedRecord record = new GeneratedRecord(s.json(), GeneratedRecord.COUNTED, s);
          if (chance(random, spec.lateFraction())) {
            held.addLast(new GeneratedRecord(record.line(), GeneratedRecord.LATE, s));
            continue;
          }
          out.accept(record);
          if (chance(random, spec.duplicateFraction())) {
            out.accept(new GeneratedRecord(record.line(), GeneratedRecord.DUPLICATE, s));
          }
          if (chance(random, spec.malformedFraction())) {
            out.accept(bad(BAD_KINDS[badCount++ % BAD_KINDS.length], s));
          }
        }
        if (chance(random, spec.unknownConnectionFraction())) {
          GeneratedSample unknown =
              sample("pcx-unknown" + (c % 1000), 0, ++unknownSeq, ts, bps, random);
          out.accept(
              new GeneratedRecord(unknown.json(), GeneratedRecord.UNKNOWN_CONNECTION, unknown));
        }
      }
    }
    // Late samples whose turn would come after the span are not emitted at all.
  }

  private GeneratedSample sample(
      String connectionId, int reporter, long seq, long ts, double bps, SplittableRandom random) {
    long intervalMs = spec.interval().toMillis();
    double share = (0.8 + 0.4 * random.nextDouble()) / spec.reporters();
    long in = (long) (bps * share * intervalMs / 8000.0);
    long out = (long) (in * (0.6 + 0.8 * random.nextDouble()));
    long inPackets = in / 800 + 1;
    long outPackets = out / 800 + 1;
    return new GeneratedSample(
        connectionId,
        String.format("gw-%02d", reporter + 1),
        seq,
        ts,
        (int) intervalMs,
        new TrafficCounts(in, out, inPackets, outPackets, inPackets / 1000, outPackets / 2000));
  }

  private static GeneratedRecord bad(BadKind kind, GeneratedSample s) {
    String good = s.json();
    String line =
        switch (kind) {
          case MALFORMED -> good.substring(0, good.length() / 2);
          case MISSING_FIELD -> good.replaceFirst("\"reporter\":\"[^\"]*\",", "");
          case NEGATIVE_COUNTER -> good.replace("\"in_bytes\":", "\"in_bytes\":-");
          case BAD_INTERVAL -> good.replace("\"interval_ms\":", "\"interval_ms\":9");
          case FUTURE_TIMESTAMP -> good.replace("\"ts\":" + s.ts(), "\"ts\":" + FUTURE_TS);
          default -> throw new IllegalArgumentException(kind.name());
        };
    return new GeneratedRecord(line, kind.name(), null);
  }

  private static boolean chance(SplittableRandom random, double fraction) {
    return fraction > 0 && random.nextDouble() < fraction;
  }
}
