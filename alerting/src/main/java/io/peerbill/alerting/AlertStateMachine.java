package io.peerbill.alerting;

import java.time.Instant;

/**
 * The lifecycle of one (policy, connection) alert, period by period (D11), as pure logic:
 *
 * <ul>
 *   <li>FIRING when the N-th consecutive breaching period ends (N = the policy's consecutive
 *       periods);
 *   <li>REPEAT while firing, at the first breaching period ending at or after the last notice plus
 *       the repeat interval (doubled after each repeat when exponential, at most a day);
 *   <li>RESOLVED at the first period that does not breach;
 *   <li>a period with no verdict changes nothing: it neither extends nor breaks a breaching run and
 *       does not resolve a firing alert.
 * </ul>
 */
public final class AlertStateMachine {

  private AlertStateMachine() {}

  /** The state after one period, and the notice that period gives (null for none). */
  public record Step(AlertState state, AlertEventState notice) {}

  public static Step next(
      AlertState s, Verdict verdict, Instant windowEnd, int consecutive, RepeatSchedule repeat) {
    return switch (verdict) {
      case NONE ->
          new Step(
              new AlertState(
                  s.breachingRun(), s.firing(), s.lastNoticeEnd(), s.repeatsSent(), windowEnd),
              null);
      case CLEAR ->
          new Step(
              new AlertState(0, false, null, 0, windowEnd),
              s.firing() ? AlertEventState.RESOLVED : null);
      case BREACH -> breach(s, windowEnd, consecutive, repeat);
    };
  }

  private static Step breach(
      AlertState s, Instant windowEnd, int consecutive, RepeatSchedule repeat) {
    int run = Math.min(s.breachingRun() + 1, consecutive);
    if (!s.firing()) {
      if (run >= consecutive) {
        return new Step(new AlertState(run, true, windowEnd, 0, windowEnd), AlertEventState.FIRING);
      }
      return new Step(new AlertState(run, false, null, 0, windowEnd), null);
    }
    boolean due =
        repeat
            .nextDue(s.lastNoticeEnd(), s.repeatsSent())
            .map(at -> !windowEnd.isBefore(at))
            .orElse(false);
    if (due) {
      return new Step(
          new AlertState(run, true, windowEnd, s.repeatsSent() + 1, windowEnd),
          AlertEventState.REPEAT);
    }
    return new Step(new AlertState(run, true, s.lastNoticeEnd(), s.repeatsSent(), windowEnd), null);
  }
}
