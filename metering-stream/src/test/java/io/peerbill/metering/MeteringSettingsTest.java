package io.peerbill.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings the job refuses before it starts rather than mis-bucketing samples (D5). */
class MeteringSettingsTest {

  private final MeteringSettings defaults =
      MeteringSettings.defaults(new JdbcTarget("jdbc:postgresql://localhost/peerbill", "u", "p"));

  @Test
  void allowedLatenessIsWholeMinutesSoLatenessEndsOnABucketBoundary_D5() {
    assertThat(
            defaults.withEventTime(Duration.ofMinutes(1), Duration.ofMinutes(15)).allowedLateness())
        .isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> defaults.withEventTime(Duration.ofMinutes(1), Duration.ofSeconds(90)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allowed lateness must be whole minutes, got 1m30s");
  }

  @Test
  void negativeEventTimeSettingsAreRefused_D5() {
    assertThatThrownBy(() -> defaults.withEventTime(Duration.ofMinutes(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
