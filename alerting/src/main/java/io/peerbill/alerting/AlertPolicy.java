package io.peerbill.alerting;

import java.io.Serializable;

/**
 * A saved policy: its spec, owner and lifecycle. {@code revision} grows with every change, so the
 * running job can tell a changed policy from the one it holds.
 */
public record AlertPolicy(
    long id, long revision, String accountId, boolean enabled, AlertPolicySpec spec)
    implements Serializable {

  /** Whether the policy watches this connection (given who its two ends are). */
  public boolean covers(ConnectionFacts connection) {
    if (spec.connectionId() != null) {
      return spec.connectionId().equals(connection.id());
    }
    return connection.hasEnd(accountId)
        && (!spec.metric().crossRegionOnly() || connection.crossRegion());
  }
}
