package io.peerbill.alerting;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where one (policy, connection) alert stands.
 *
 * @param breachingRun consecutive breaching periods so far (no-verdict periods do not break it)
 * @param firing whether a FIRING notice was given and no RESOLVED since
 * @param lastNoticeEnd end of the window of the last FIRING or REPEAT notice, null if none
 * @param repeatsSent REPEAT notices since the alert fired (drives the exponential repeat)
 * @param lastWindowEnd end of the last period evaluated, null before the first
 */
public record AlertState(
    int breachingRun, boolean firing, Instant lastNoticeEnd, int repeatsSent, Instant lastWindowEnd)
    implements Serializable {

  public static final AlertState IDLE = new AlertState(0, false, null, 0, null);

  /** Nothing to remember: no run in progress and not firing. */
  public boolean idle() {
    return breachingRun == 0 && !firing;
  }
}
