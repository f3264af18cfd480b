package io.peerbill.alerting;

import java.util.OptionalDouble;

/**
 * Applies one policy to one period of one connection's traffic: the metric's value, the verdict,
 * the state machine's step, and the event that step gives (if any).
 */
public final class PolicyEvaluation {

  private PolicyEvaluation() {}

  /** The next state, and the event to store (null for none). */
  public record Outcome(AlertState state, AlertEvent event) {}

  public static Outcome evaluate(
      AlertPolicy policy, ConnectionFacts connection, AlertState state, PeriodTraffic traffic) {
    AlertPolicySpec spec = policy.spec();
    OptionalDouble value = spec.metric().valueOf(traffic, traffic.capInForce(connection.capMbps()));
    Verdict verdict = Verdict.of(value, spec.comparison(), spec.threshold());
    AlertStateMachine.Step step =
        AlertStateMachine.next(
            state, verdict, traffic.windowEnd(), spec.consecutivePeriods(), spec.repeat());
    if (step.notice() == null) {
      return new Outcome(step.state(), null);
    }
    AlertEvent event =
        new AlertEvent(
            AlertEvent.idOf(
                policy.id(), traffic.connectionId(), traffic.windowStart(), traffic.windowEnd()),
            policy.id(),
            policy.revision(),
            policy.accountId(),
            traffic.connectionId(),
            step.notice(),
            spec.metric(),
            spec.comparison(),
            spec.threshold(),
            value.orElseThrow(),
            spec.severity(),
            traffic.windowStart(),
            traffic.windowEnd(),
            step.notice() != AlertEventState.RESOLVED || spec.notifyOnRecovery());
    return new Outcome(step.state(), event);
  }
}
