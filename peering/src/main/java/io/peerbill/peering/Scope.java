package io.peerbill.peering;

/** Whether a connection's two ends are in one region (free, no cap) or two (capped, billed). */
public enum Scope {
  SAME_REGION,
  CROSS_REGION;

  static Scope of(String requesterRegion, String accepterRegion) {
    return requesterRegion.equals(accepterRegion) ? SAME_REGION : CROSS_REGION;
  }
}
