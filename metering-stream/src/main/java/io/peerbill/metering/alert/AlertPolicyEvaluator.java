package io.peerbill.metering.alert;

import io.peerbill.alerting.AlertEvent;
import io.peerbill.alerting.AlertMetric;
import io.peerbill.alerting.AlertPolicy;
import io.peerbill.alerting.AlertState;
import io.peerbill.alerting.ConnectionFacts;
import io.peerbill.alerting.PeriodTraffic;
import io.peerbill.alerting.PolicyEvaluation;
import io.peerbill.alerting.PolicySnapshot;
import io.peerbill.alerting.StatisticPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates the alert policies on one connection's 1- and 5-minute periods (keyed by connection),
 * with the policies broadcast into the running job: a new snapshot replaces the old one at once, so
 * a changed policy applies from the next period on, without restart.
 *
 * <p>A period is evaluated when the watermark passes its end, in window order. The policy input
 * holds the watermark back until its first snapshot, so no period is ever judged without the
 * policies. A connection that goes silent is evaluated as periods without samples at each period
 * end (see {@link AlertMetric}), for at most the silence limit after its last aggregate; then its
 * state is dropped, but for alerts still firing.
 */
public final class AlertPolicyEvaluator
    extends KeyedBroadcastProcessFunction<String, PeriodTraffic, PolicySnapshot, AlertEvent> {

  public static final MapStateDescriptor<String, PolicySnapshot> POLICIES =
      new MapStateDescriptor<>(
          "alert-policies", Types.STRING, TypeInformation.of(PolicySnapshot.class));

  /** The policy revision each instance applies, whenever it changes (for operators and tests). */
  public static final OutputTag<Long> APPLIED_REVISION =
      new OutputTag<>("applied-policy-revision", Types.LONG);

  private static final String CURRENT = "current";

  private final long silenceLimitMillis;
  private transient ListState<PeriodTraffic> pending;
  private transient MapState<Long, TrackedAlert> alerts;
  private transient MapState<Integer, Long> lastDataEnd;

  public AlertPolicyEvaluator(AlertSettings settings) {
    this.silenceLimitMillis = settings.silenceLimit().toMillis();
  }

  @Override
  public void open(OpenContext context) {
    // "-v2" since a period carries its counters as one value: restored under the old name, a
    // checkpoint's pending periods would come back without counters (Flink's POJO evolution drops
    // removed fields). Under a new name they are left behind instead: an upgrade restored from
    // such a checkpoint does not evaluate the periods then waiting for the watermark.
    pending =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("pending-periods-v2", PeriodTraffic.class));
    alerts =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "alerts", Types.LONG, TypeInformation.of(TrackedAlert.class)));
    lastDataEnd =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("last-data-end", Types.INT, Types.LONG));
  }

  @Override
  public void processElement(PeriodTraffic traffic, ReadOnlyContext ctx, Collector<AlertEvent> out)
      throws Exception {
    pending.add(traffic);
    ctx.timerService().registerEventTimeTimer(traffic.windowEnd().toEpochMilli() - 1);
  }

  @Override
  public void processBroadcastElement(
      PolicySnapshot snapshot, Context ctx, Collector<AlertEvent> out) throws Exception {
    PolicySnapshot previous = ctx.getBroadcastState(POLICIES).get(CURRENT);
    ctx.getBroadcastState(POLICIES).put(CURRENT, snapshot);
    if (previous == null || previous.revision() != snapshot.revision()) {
      ctx.output(APPLIED_REVISION, snapshot.revision());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
      throws Exception {
    PolicySnapshot snapshot = ctx.getBroadcastState(POLICIES).get(CURRENT);
    if (snapshot == null) {
      return; // cannot happen: the policy input holds the watermark until its first snapshot
    }
    List<PeriodTraffic> due = new ArrayList<>();
    List<PeriodTraffic> later = new ArrayList<>();
    for (PeriodTraffic t : pending.get()) {
      (t.windowEnd().toEpochMilli() - 1 <= timestamp ? due : later).add(t);
    }
    pending.update(later);
    due.sort(Comparator.comparing(PeriodTraffic::windowStart).thenComparing(PeriodTraffic::period));
    for (PeriodTraffic t : due) {
      evaluate(snapshot, t, ctx, out);
    }
    for (StatisticPeriod period : StatisticPeriod.values()) {
      evaluateSilence(snapshot, ctx.getCurrentKey(), period, timestamp + 1, ctx, out);
    }
    forgetUnwatched(snapshot, ctx.getCurrentKey());
  }

  private void evaluate(
      PeriodTraffic t, PolicySnapshot snapshot, Collector<AlertEvent> out, long dataEndBefore)
      throws Exception {
    ConnectionFacts connection = snapshot.connection(t.connectionId());
    for (AlertPolicy policy : snapshot.watching(t.connectionId(), t.period())) {
      AlertState state = stateOf(policy);
      if (state.lastWindowEnd() != null && !t.windowEnd().isAfter(state.lastWindowEnd())) {
        continue; // evaluated already: a re-emitted (corrected) period does not notify twice
      }
      state = fillSilence(policy, connection, state, t.windowStart(), dataEndBefore, out);
      step(policy, connection, state, t, out);
    }
  }

  private void evaluate(
      PolicySnapshot snapshot, PeriodTraffic t, OnTimerContext ctx, Collector<AlertEvent> out)
      throws Exception {
    int p = t.period().seconds();
    Long before = lastDataEnd.get(p);
    evaluate(t, snapshot, out, before == null ? Long.MIN_VALUE : before);
    long end = t.windowEnd().toEpochMilli();
    if (before == null || end > before) {
      lastDataEnd.put(p, end);
      ctx.timerService().registerEventTimeTimer(end + t.period().millis() - 1);
    }
  }

  /** At a period end with no aggregate: the silent period, while within the silence limit. */
  private void evaluateSilence(
      PolicySnapshot snapshot,
      String connectionId,
      StatisticPeriod period,
      long periodEnd,
      OnTimerContext ctx,
      Collector<AlertEvent> out)
      throws Exception {
    Long dataEnd = lastDataEnd.get(period.seconds());
    if (dataEnd == null
        || periodEnd <= dataEnd
        || (periodEnd - dataEnd) % period.millis() != 0
        || periodEnd - dataEnd > silenceLimitMillis) {
      return;
    }
    ConnectionFacts connection = snapshot.connection(connectionId);
    Instant end = Instant.ofEpochMilli(periodEnd);
    for (AlertPolicy policy : snapshot.watching(connectionId, period)) {
      AlertState state = stateOf(policy);
      if (state.lastWindowEnd() != null && state.lastWindowEnd().isBefore(end)) {
        state = fillSilence(policy, connection, state, end, dataEnd, out);
        alerts.put(policy.id(), new TrackedAlert(period.seconds(), state));
      }
    }
    if (periodEnd + period.millis() - dataEnd <= silenceLimitMillis) {
      ctx.timerService().registerEventTimeTimer(periodEnd + period.millis() - 1);
    } else {
      forgetSilence(period);
    }
  }

  /**
   * The silence limit has passed: the period's alerts wait for data. An idle one needs no state to
   * do that, so a connection that is gone leaves only alerts still firing behind.
   */
  private void forgetSilence(StatisticPeriod period) throws Exception {
    lastDataEnd.remove(period.seconds());
    List<Long> idle = new ArrayList<>();
    for (Map.Entry<Long, TrackedAlert> e : alerts.entries()) {
      if (e.getValue().periodSeconds() == period.seconds() && e.getValue().state().idle()) {
        idle.add(e.getKey());
      }
    }
    for (Long id : idle) {
      alerts.remove(id);
    }
  }

  /** Evaluates the periods without samples from the last evaluated one up to {@code until}. */
  private AlertState fillSilence(
      AlertPolicy policy,
      ConnectionFacts connection,
      AlertState state,
      Instant until,
      long dataEnd,
      Collector<AlertEvent> out)
      throws Exception {
    if (dataEnd == Long.MIN_VALUE) {
      return state;
    }
    StatisticPeriod period = policy.spec().period();
    Instant start = state.lastWindowEnd();
    while (start != null
        && !start.plusMillis(period.millis()).isAfter(until)
        && start.toEpochMilli() + period.millis() - dataEnd <= silenceLimitMillis) {
      PeriodTraffic silent = PeriodTraffic.noSamples(connection.id(), period, start);
      state = step(policy, connection, state, silent, out);
      start = state.lastWindowEnd();
    }
    return state;
  }

  private AlertState step(
      AlertPolicy policy,
      ConnectionFacts connection,
      AlertState state,
      PeriodTraffic t,
      Collector<AlertEvent> out)
      throws Exception {
    PolicyEvaluation.Outcome outcome = PolicyEvaluation.evaluate(policy, connection, state, t);
    if (outcome.event() != null) {
      out.collect(outcome.event());
    }
    alerts.put(policy.id(), new TrackedAlert(t.period().seconds(), outcome.state()));
    return outcome.state();
  }

  private AlertState stateOf(AlertPolicy policy) throws Exception {
    TrackedAlert tracked = alerts.get(policy.id());
    if (tracked == null || tracked.periodSeconds() != policy.spec().period().seconds()) {
      return AlertState.IDLE;
    }
    return tracked.state();
  }

  /** Drops the state of policies deleted, disabled or no longer watching this connection. */
  private void forgetUnwatched(PolicySnapshot snapshot, String connectionId) throws Exception {
    Set<Long> watching = new HashSet<>();
    for (StatisticPeriod period : StatisticPeriod.values()) {
      snapshot.watching(connectionId, period).forEach(p -> watching.add(p.id()));
    }
    List<Long> gone = new ArrayList<>();
    for (Long id : alerts.keys()) {
      if (!watching.contains(id)) {
        gone.add(id);
      }
    }
    for (Long id : gone) {
      alerts.remove(id);
    }
  }
}
