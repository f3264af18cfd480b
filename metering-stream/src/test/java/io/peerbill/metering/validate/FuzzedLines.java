package io.peerbill.metering.validate;

import io.peerbill.metering.MeteringFixtures;
import io.peerbill.metering.model.Sample;
import io.peerbill.metering.source.ByteLineFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Wire-format input as gateways, networks and attackers produce it: good samples, and lines that no
 * reader may count (random bytes, truncated JSON, numbers beyond 64 bits, deep nesting, wrong
 * types, NUL bytes, lines past the 1 MiB a file line keeps).
 */
public final class FuzzedLines {

  /** How a line must come out: counted once, or rejected with a reason. */
  public enum Expect {
    COUNTED,
    REJECTED
  }

  /** One input line (bytes without a line break) and what it must come out as. */
  public record Line(byte[] bytes, Expect expect, String kind) {
    static Line rejected(String kind, String text) {
      return new Line(text.getBytes(StandardCharsets.UTF_8), Expect.REJECTED, kind);
    }

    @Override
    public String toString() {
      String text = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8);
      return kind + "(" + bytes.length + " bytes): " + text;
    }
  }

  /** A line whose connection id holds an escaped NUL: it parses, and no connection has that id. */
  public static final String ESCAPED_NUL = "escaped NUL";

  private static final String[] NUMERIC = {
    "seq", "ts", "interval_ms", "in_bytes", "out_bytes", "in_packets", "out_packets"
  };

  private final List<String> connections;

  /**
   * Lines for these connections: a test that runs the job passes ones it registered (ACTIVE from
   * before the fixtures' first hour), so a bad line the parser let through would be counted, not
   * hidden behind UNKNOWN_CONNECTION.
   */
  public FuzzedLines(List<String> connections) {
    this.connections = List.copyOf(connections);
  }

  /** A good sample of one of the connections in the fixtures' first hour; seq set by the caller. */
  public Arbitrary<Sample> samples() {
    return Combinators.combine(
            Arbitraries.of(connections),
            Arbitraries.of("gw-1", "gw-2", "gw-广州-01"),
            Arbitraries.integers().between(1, 60),
            Arbitraries.longs().between(0, 10_000_000_000L),
            Arbitraries.longs().between(0, 10_000_000_000L))
        .as(
            (connection, reporter, minute, in, out) ->
                MeteringFixtures.sample(
                    connection,
                    reporter,
                    0,
                    MeteringFixtures.DAY_START.plusSeconds(60L * minute),
                    in,
                    out));
  }

  /** A line no reader may count, of any of the kinds above. */
  public Arbitrary<Line> bad() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, randomBytes()),
        net.jqwik.api.Tuple.of(4, truncated()),
        net.jqwik.api.Tuple.of(4, hugeNumbers()),
        net.jqwik.api.Tuple.of(2, deepNesting()),
        net.jqwik.api.Tuple.of(4, wrongTypes()),
        net.jqwik.api.Tuple.of(3, nulBytes()),
        net.jqwik.api.Tuple.of(1, overlong()));
  }

  static Arbitrary<Line> randomBytes() {
    return Arbitraries.bytes()
        .filter(b -> b != '\n')
        .array(byte[].class)
        .ofMaxSize(300)
        .map(b -> new Line(b, Expect.REJECTED, "random bytes"));
  }

  Arbitrary<Line> truncated() {
    return samples()
        .map(MeteringFixtures::json)
        .flatMap(
            json ->
                Arbitraries.integers()
                    .between(0, json.length() - 1)
                    .map(cut -> Line.rejected("truncated JSON", json.substring(0, cut))));
  }

  Arbitrary<Line> hugeNumbers() {
    Arbitrary<String> huge =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.strings().numeric().ofLength(20),
                    Arbitraries.integers().between(0, 50_000))
                .as((digits, more) -> digits + "7".repeat(more)),
            Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(60).map(d -> "-" + d),
            Arbitraries.of(
                "9223372036854775808",
                "-9223372036854775809",
                "1e400",
                "1.5",
                "-0.0",
                "1E3",
                "18446744073709551616"));
    return Combinators.combine(samples(), Arbitraries.of(NUMERIC), huge)
        .as(
            (s, field, number) ->
                Line.rejected(
                    "huge number", replaceValue(MeteringFixtures.json(s), field, number)));
  }

  Arbitrary<Line> deepNesting() {
    return Combinators.combine(samples(), Arbitraries.integers().between(1, 20_000))
        .flatAs(
            (s, depth) ->
                Arbitraries.of(
                    Line.rejected("deep nesting", "[".repeat(depth) + "]".repeat(depth)),
                    Line.rejected(
                        "deep nesting",
                        replaceValue(
                            MeteringFixtures.json(s),
                            "in_bytes",
                            "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                    // Past the parser's nesting limit even in a field it does not know.
                    Line.rejected(
                        "deep nesting",
                        MeteringFixtures.json(s)
                            .replace(
                                "{\"connection_id\"",
                                "{\"x\":"
                                    + "[".repeat(depth + 2000)
                                    + "]".repeat(depth + 2000)
                                    + ",\"connection_id\""))));
  }

  Arbitrary<Line> wrongTypes() {
    Arbitrary<String> notALong =
        Arbitraries.of("\"12\"", "true", "false", "[1]", "{}", "\"\"", "[]", "{\"v\":1}");
    Arbitrary<String> notAString = Arbitraries.of("123", "true", "[\"pcx\"]", "{}", "1.5");
    return Arbitraries.oneOf(
        Combinators.combine(samples(), Arbitraries.of(NUMERIC), notALong)
            .as(
                (s, f, v) ->
                    Line.rejected("wrong type", replaceValue(MeteringFixtures.json(s), f, v))),
        Combinators.combine(samples(), Arbitraries.of("connection_id", "reporter"), notAString)
            .as(
                (s, f, v) ->
                    Line.rejected("wrong type", replaceText(MeteringFixtures.json(s), f, s, v))));
  }

  Arbitrary<Line> nulBytes() {
    return samples()
        .map(MeteringFixtures::json)
        .flatMap(
            json ->
                Arbitraries.oneOf(
                    Arbitraries.integers()
                        .between(0, json.length())
                        .map(
                            at ->
                                Line.rejected(
                                    "NUL byte", json.substring(0, at) + '\0' + json.substring(at))),
                    // Escaped, it is a valid string: a connection id that no connection has.
                    Arbitraries.just(
                        Line.rejected(ESCAPED_NUL, json.replace("\"pcx-", "\"pcx-\\u0000")))));
  }

  /** Longer than a file line keeps: cut at 1 MiB, whatever follows. */
  Arbitrary<Line> overlong() {
    int over = ByteLineFormat.MAX_LINE + 1024;
    return samples()
        .map(MeteringFixtures::json)
        .flatMap(
            json ->
                Arbitraries.of(
                    Line.rejected(
                        "1 MiB line", json.replace("{", "{\"pad\":\"" + "x".repeat(over) + "\",")),
                    Line.rejected("1 MiB line", json + " ".repeat(over)),
                    Line.rejected("1 MiB line", "x".repeat(over))));
  }

  private static String replaceValue(String json, String field, String value) {
    return json.replaceFirst("\"" + field + "\":-?\\d+", "\"" + field + "\":" + value);
  }

  private static String replaceText(String json, String field, Sample s, String value) {
    String old = field.equals("reporter") ? s.reporter() : s.connectionId();
    return json.replace("\"" + field + "\":\"" + old + "\"", "\"" + field + "\":" + value);
  }

  /** The bytes of a sample with its seq, as a good line. */
  public static Line counted(Sample s, long seq) {
    Sample withSeq =
        new Sample(
            s.connectionId(),
            s.reporter(),
            seq,
            s.ts(),
            s.intervalMs(),
            s.counts(),
            s.source(),
            s.position());
    return new Line(
        MeteringFixtures.json(withSeq).getBytes(StandardCharsets.UTF_8), Expect.COUNTED, "sample");
  }

  static byte[] copy(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length);
  }
}
