package io.peerbill.peering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.peering.PeeringSettings;
import org.junit.jupiter.api.Test;

/** The per-VPC limit is configurable from the environment (R8). */
class SessionTest {

  @Test
  void limitDefaultsToTenAndCanBeConfigured_R8() {
    assertThat(Session.settings(null)).isEqualTo(PeeringSettings.DEFAULTS);
    assertThat(Session.settings(" ").maxConnectionsPerVpc()).isEqualTo(10);
    assertThat(Session.settings("25").maxConnectionsPerVpc()).isEqualTo(25);
  }

  @Test
  void badLimitIsOneClearLine() {
    for (String bad : new String[] {"ten", "0", "-3"}) {
      assertThatThrownBy(() -> Session.settings(bad))
          .hasMessage(
              "PEERBILL_MAX_PEERINGS_PER_VPC must be a positive whole number, got '" + bad + "'");
    }
  }
}
