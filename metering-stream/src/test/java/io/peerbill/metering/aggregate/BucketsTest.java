package io.peerbill.metering.aggregate;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Window arithmetic: a sample counts wholly in the bucket containing ts - 1 (wire format v1). */
class BucketsTest {

  private static final long T0 = DAY_START.toEpochMilli();

  @Test
  void sampleEndingOnABoundaryCountsInTheBucketBefore_D5() {
    long ts = T0 + 300_000;
    assertThat(Buckets.start(ts - 1, Buckets.FIVE_MINUTES_MS)).isEqualTo(T0);
    assertThat(Buckets.start(ts - 1, Buckets.MINUTE_MS)).isEqualTo(T0 + 240_000);
    assertThat(Buckets.start(ts, Buckets.FIVE_MINUTES_MS)).isEqualTo(T0 + 300_000);
  }

  @Test
  void tooLateExactlyWhenTheWindowIsPurged() {
    long countedAt = T0 + 30_000; // minute window [T0, T0 + 60 s), max timestamp T0 + 59 999
    long lateness = 300_000;
    assertThat(Buckets.isTooLate(countedAt, T0 + 59_999 + lateness - 1, lateness)).isFalse();
    assertThat(Buckets.isTooLate(countedAt, T0 + 59_999 + lateness, lateness)).isTrue();
    assertThat(Buckets.isTooLate(countedAt, Long.MIN_VALUE, lateness)).isFalse();
  }
}
