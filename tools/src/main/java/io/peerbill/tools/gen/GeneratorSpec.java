package io.peerbill.tools.gen;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link SampleGenerator} produces: {@code connections} × {@code reporters} samples every
 * {@code interval} over {@code [start, start + span)}, plus optional fractions of bad records.
 *
 * @param lateBy how far behind the stream a "late" sample is emitted; beyond out-of-orderness +
 *     allowed lateness + 1 minute it is late for the job (counted, not in the series)
 */
public record GeneratorSpec(
    int connections,
    int reporters,
    Instant start,
    Duration span,
    Duration interval,
    long seed,
    double malformedFraction,
    double duplicateFraction,
    double lateFraction,
    Duration lateBy,
    double unknownConnectionFraction) {

  public GeneratorSpec {
    if (connections < 1 || reporters < 1) {
      throw new IllegalArgumentException("connections and reporters must be at least 1");
    }
    if (interval.isZero() || interval.isNegative() || interval.toMillis() > 300_000) {
      throw new IllegalArgumentException("interval must be in (0, 5 minutes]");
    }
    for (double f :
        new double[] {
          malformedFraction, duplicateFraction, lateFraction, unknownConnectionFraction
        }) {
      if (f < 0 || f > 0.5) {
        throw new IllegalArgumentException("fractions must be between 0 and 0.5");
      }
    }
  }

  /** Clean input: no bad, duplicate or late records. */
  public static GeneratorSpec clean(
      int connections, int reporters, Instant start, Duration span, long seed) {
    return new GeneratorSpec(
        connections,
        reporters,
        start,
        span,
        Duration.ofMinutes(1),
        seed,
        0,
        0,
        0,
        Duration.ZERO,
        0);
  }

  /** The same connections and faults over another time range, a sample every {@code every}. */
  public GeneratorSpec over(Instant from, Duration length, Duration every) {
    return new GeneratorSpec(
        connections,
        reporters,
        from,
        length,
        every,
        seed,
        malformedFraction,
        duplicateFraction,
        lateFraction,
        lateBy,
        unknownConnectionFraction);
  }

  public GeneratorSpec withFaults(
      double malformed, double duplicate, double late, Duration lateBy, double unknown) {
    return new GeneratorSpec(
        connections,
        reporters,
        start,
        span,
        interval,
        seed,
        malformed,
        duplicate,
        late,
        lateBy,
        unknown);
  }

  public long samplesPerInterval() {
    return (long) connections * reporters;
  }

  /** The id of the generated connection {@code index} (0-based): pcx-g0000001 and so on. */
  public static String connectionId(int index) {
    return String.format("pcx-g%07d", index + 1);
  }
}
