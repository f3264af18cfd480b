package io.peerbill.alerting;

import java.io.Serializable;

/**
 * What alerting needs to know about a connection: its two accounts, whether it is cross-region and
 * its current cap (null for same-region connections, D3).
 */
public record ConnectionFacts(
    String id,
    String requesterAccountId,
    String accepterAccountId,
    boolean crossRegion,
    Integer capMbps,
    String state)
    implements Serializable {

  public boolean hasEnd(String accountId) {
    return requesterAccountId.equals(accountId) || accepterAccountId.equals(accountId);
  }

  public boolean ended() {
    return !state.equals("ACTIVE") && !state.equals("PENDING_ACCEPTANCE");
  }
}
