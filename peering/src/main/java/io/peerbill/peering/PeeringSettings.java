package io.peerbill.peering;

import java.time.Duration;

/**
 * The configurable limits: connections per VPC, pending ones counted (R8); the cap range (D3); how
 * long a cross-account request waits for acceptance (R6).
 */
public record PeeringSettings(
    int maxConnectionsPerVpc, int minCapMbps, int maxCapMbps, Duration acceptanceWindow) {

  public static final PeeringSettings DEFAULTS =
      new PeeringSettings(10, 1, 5000, Duration.ofDays(7));

  public PeeringSettings {
    if (maxConnectionsPerVpc < 1 || minCapMbps < 1 || maxCapMbps < minCapMbps) {
      throw new IllegalArgumentException("limits must be positive and min <= max");
    }
  }

  public PeeringSettings withMaxConnectionsPerVpc(int max) {
    return new PeeringSettings(max, minCapMbps, maxCapMbps, acceptanceWindow);
  }
}
