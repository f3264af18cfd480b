package io.peerbill.metering;

import static io.peerbill.schema.jooq.Tables.REJECTED_SAMPLE;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_1M;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.aggregate.Buckets;
import io.peerbill.tools.gen.GeneratedRecord;
import io.peerbill.tools.gen.GeneratedSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * What the database must hold after a run, computed from labelled input, and what it holds, in the
 * same comparable form: one line per bucket "connection bucket-start in out inPk outPk inDr outDr
 * samples".
 */
public final class ExpectedRows {

  private ExpectedRows() {}

  public static Map<String, String> expectedBuckets(List<GeneratedRecord> input, long lengthMs) {
    Map<String, long[]> sums = new TreeMap<>();
    for (GeneratedRecord r : input) {
      if (!r.counted()) {
        continue;
      }
      GeneratedSample s = r.sample();
      long start = Buckets.start(s.countedAt(), lengthMs);
      long[] v =
          sums.computeIfAbsent(
              s.connectionId() + " " + Instant.ofEpochMilli(start), k -> new long[7]);
      s.counts().addTo(v, 0);
      v[6]++;
    }
    Map<String, String> rows = new TreeMap<>();
    sums.forEach(
        (k, v) ->
            rows.put(
                k,
                java.util.Arrays.stream(v)
                    .mapToObj(Long::toString)
                    .collect(Collectors.joining(" "))));
    return rows;
  }

  public static Map<String, String> storedBuckets(DSLContext sql, boolean fiveMinutes) {
    Table<?> t = fiveMinutes ? TRAFFIC_5M : TRAFFIC_1M;
    Map<String, String> rows = new TreeMap<>();
    for (Record r : sql.selectFrom(t).fetch()) {
      rows.put(
          r.get(TRAFFIC_1M.CONNECTION_ID.getName(), String.class)
              + " "
              + r.get(TRAFFIC_1M.BUCKET_START.getName(), java.time.OffsetDateTime.class)
                  .toInstant(),
          List.of(
                  TRAFFIC_1M.IN_BYTES,
                  TRAFFIC_1M.OUT_BYTES,
                  TRAFFIC_1M.IN_PACKETS,
                  TRAFFIC_1M.OUT_PACKETS,
                  TRAFFIC_1M.IN_DROPPED,
                  TRAFFIC_1M.OUT_DROPPED,
                  TRAFFIC_1M.SAMPLE_COUNT)
              .stream()
              .map(f -> r.get(f.getName(), Long.class).toString())
              .collect(Collectors.joining(" ")));
    }
    return rows;
  }

  public static Map<String, Long> expectedRejections(List<GeneratedRecord> input) {
    return input.stream()
        .filter(r -> !r.counted() && !r.outcome().equals(GeneratedRecord.DUPLICATE))
        .map(GeneratedRecord::outcome)
        .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
  }

  public static Map<String, Long> storedRejections(DSLContext sql) {
    Map<String, Long> counts = new TreeMap<>();
    sql.select(REJECTED_SAMPLE.REASON, org.jooq.impl.DSL.count())
        .from(REJECTED_SAMPLE)
        .groupBy(REJECTED_SAMPLE.REASON)
        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
    return counts;
  }

  /** The 1- and 5-minute rows and the rejections stored are exactly those the input implies. */
  public static void assertStoredExactly(DSLContext sql, List<GeneratedRecord> input) {
    assertThat(storedBuckets(sql, false)).isEqualTo(expectedBuckets(input, 60_000));
    assertThat(storedBuckets(sql, true)).isEqualTo(expectedBuckets(input, 300_000));
    assertThat(storedRejections(sql)).isEqualTo(expectedRejections(input));
  }
}
