package io.peerbill.api.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.alerting.TrafficCounts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/** D10: the hand-written bucket writer answers exactly what Jackson's bean serializer would. */
class TrafficBucketJsonTest {

  /** Takes the hand-written writer away, so the mapper falls back to the record's properties. */
  @JsonSerialize(using = ValueSerializer.None.class)
  abstract static class BeanSerialized {}

  private static final JsonMapper API =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final JsonMapper BEAN =
      API.rebuild().addMixIn(TrafficBucket.class, BeanSerialized.class).build();

  @Test
  void d10BucketJsonEqualsTheBeanSerializersForValuesNullsAndEdgeNumbers() {
    Instant start = Instant.parse("2026-11-24T16:05:00Z");
    List<TrafficBucket> buckets =
        List.of(
            TrafficBucket.of(
                start,
                300,
                new TrafficCounts(37_500_000_000L, 12_345L, 25_000_000L, 7, 3, 0),
                10,
                1000),
            // No packets and no cap: the ratios are null.
            TrafficBucket.of(start.plusSeconds(300), 300, TrafficCounts.ZERO, 1, null),
            TrafficBucket.of(
                start.plusSeconds(600),
                60,
                new TrafficCounts(Long.MAX_VALUE, 1, 1, Long.MAX_VALUE, 1, 0),
                2,
                1));

    String handWritten = API.writeValueAsString(buckets);

    assertThat(handWritten).isEqualTo(BEAN.writeValueAsString(buckets));
    assertThat(handWritten).contains("\"PkgDrop\":null", "\"cap_mbps\":null", "\"InBandwidth\":");
  }
}
