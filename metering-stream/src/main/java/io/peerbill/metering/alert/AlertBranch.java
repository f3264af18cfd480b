package io.peerbill.metering.alert;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.metering.MeteringStreams;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The alert side branch of the metering job: the 1- and 5-minute periods, keyed by connection,
 * evaluated against the broadcast policies; events go to PostgreSQL (and from there to webhooks).
 */
public final class AlertBranch {

  private AlertBranch() {}

  /**
   * Adds the branch to a built metering job: its 1- and 5-minute aggregates (timestamped at their
   * bucket end - 1 ms, as event-time windows emit them) are the periods.
   */
  public static SingleOutputStreamOperator<AlertEvent> attach(
      StreamExecutionEnvironment env,
      MeteringStreams metering,
      AlertSettings settings,
      boolean boundedInput) {
    DataStream<PeriodTraffic> periods =
        metering
            .aggregates()
            .map(new AggregatePeriods())
            .name("alert periods")
            .uid("alert-periods");
    return attach(env, periods, settings, boundedInput);
  }

  /**
   * Adds the branch to {@code env}; returns the evaluator (its side output {@link
   * AlertPolicyEvaluator#APPLIED_REVISION} tells which policy revision it applies).
   *
   * @param periods both statistic periods' traffic, timestamped at their window end - 1 ms
   * @param boundedInput whether the job's input ends (then policies are read once)
   */
  public static SingleOutputStreamOperator<AlertEvent> attach(
      StreamExecutionEnvironment env,
      DataStream<PeriodTraffic> periods,
      AlertSettings settings,
      boolean boundedInput) {
    BroadcastStream<PolicySnapshot> policies =
        env.fromSource(
                PolicySource.of(settings, boundedInput),
                PolicySource.watermarks(),
                "alert policies")
            .uid("alert-policies")
            .setParallelism(1)
            .broadcast(AlertPolicyEvaluator.POLICIES);
    SingleOutputStreamOperator<AlertEvent> events =
        periods
            .keyBy(PeriodTraffic::connectionId, Types.STRING)
            .connect(policies)
            .process(new AlertPolicyEvaluator(settings))
            .name("alert policies")
            .uid("alert-evaluator");
    events.sinkTo(new AlertEventSink(settings)).name("alert events").uid("alert-event-sink");
    return events;
  }
}
