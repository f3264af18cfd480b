package io.peerbill.tools.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generator: deterministic, complete, day-shaped, and honest about its labels. */
class SampleGeneratorTest {

  private static final Instant DAY_START = Instant.parse("2026-11-20T00:00:00Z");

  private static List<GeneratedRecord> generate(GeneratorSpec spec) {
    List<GeneratedRecord> out = new ArrayList<>();
    new SampleGenerator(spec).generate(out::add);
    return out;
  }

  @Test
  void sameSeedSameLines() {
    GeneratorSpec spec =
        GeneratorSpec.clean(3, 2, DAY_START, Duration.ofMinutes(30), 9)
            .withFaults(0.05, 0.05, 0.05, Duration.ofMinutes(10), 0.05);
    assertThat(generate(spec)).isEqualTo(generate(spec));
  }

  @Test
  void cleanSpecIsEveryConnectionAndReporterEveryIntervalWithConsecutiveSeqs_D4() {
    List<GeneratedRecord> records =
        generate(GeneratorSpec.clean(4, 3, DAY_START, Duration.ofMinutes(10), 1));
    assertThat(records).hasSize(4 * 3 * 10);
    assertThat(records).allMatch(r -> r.outcome().equals(GeneratedRecord.COUNTED));
    Map<String, List<Long>> seqs =
        records.stream()
            .map(GeneratedRecord::sample)
            .collect(
                Collectors.groupingBy(
                    s -> s.connectionId() + s.reporter(),
                    Collectors.mapping(GeneratedSample::seq, Collectors.toList())));
    assertThat(seqs).hasSize(12);
    assertThat(seqs.values())
        .allMatch(l -> l.equals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)));
    assertThat(records)
        .allMatch(r -> r.sample().counts().inBytes() > 0 && r.sample().counts().outBytes() > 0);
  }

  @Test
  void afternoonInShanghaiCarriesMoreTrafficThanTheSmallHours() {
    // 16:00 in Asia/Shanghai is 08:00 UTC; 04:00 there is 20:00 UTC the day before.
    long afternoon = bytesInHourStarting(Instant.parse("2026-11-20T08:00:00Z"));
    long night = bytesInHourStarting(Instant.parse("2026-11-19T20:00:00Z"));
    assertThat(afternoon).isGreaterThan(3 * night);
  }

  private static long bytesInHourStarting(Instant start) {
    return generate(GeneratorSpec.clean(20, 1, start, Duration.ofHours(1), 5)).stream()
        .mapToLong(r -> r.sample().counts().inBytes())
        .sum();
  }

  @Test
  void faultsAreLabelledWithWhatTheJobMustDo() {
    List<GeneratedRecord> records =
        generate(
            GeneratorSpec.clean(10, 2, DAY_START, Duration.ofHours(1), 4)
                .withFaults(0.05, 0.05, 0.05, Duration.ofMinutes(20), 0.05));
    assertThat(records.stream().map(GeneratedRecord::outcome).distinct())
        .containsExactlyInAnyOrder(
            "COUNTED",
            "DUPLICATE",
            "MALFORMED",
            "MISSING_FIELD",
            "NEGATIVE_COUNTER",
            "BAD_INTERVAL",
            "FUTURE_TIMESTAMP",
            "UNKNOWN_CONNECTION",
            "LATE");
    for (int i = 0; i < records.size(); i++) {
      GeneratedRecord r = records.get(i);
      if (r.outcome().equals("LATE")) {
        long newestBefore =
            records.subList(0, i).stream()
                .filter(p -> p.sample() != null)
                .mapToLong(p -> p.sample().ts())
                .max()
                .orElseThrow();
        assertThat(newestBefore - r.sample().ts())
            .isGreaterThanOrEqualTo(Duration.ofMinutes(19).toMillis());
      }
    }
  }
}
