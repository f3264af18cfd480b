package io.peerbill.peering;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a peering connection and the transitions between them (D1): a request is pending
 * until accepted, rejected, withdrawn or expired; an active connection ends when deleted. Terminal
 * states never change.
 */
public enum ConnectionState {
  PENDING_ACCEPTANCE,
  ACTIVE,
  REJECTED,
  EXPIRED,
  WITHDRAWN,
  DELETED;

  /** States in which a connection counts against limits and blocks a second one (R8). */
  public static final Set<ConnectionState> LIVE = EnumSet.of(PENDING_ACCEPTANCE, ACTIVE);

  public boolean isLive() {
    return LIVE.contains(this);
  }
}
