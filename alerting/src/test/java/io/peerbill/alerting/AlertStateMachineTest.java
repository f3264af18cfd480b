package io.peerbill.alerting;

import static io.peerbill.alerting.AlertEventState.FIRING;
import static io.peerbill.alerting.AlertEventState.RESOLVED;
import static io.peerbill.alerting.Verdict.BREACH;
import static io.peerbill.alerting.Verdict.CLEAR;
import static io.peerbill.alerting.Verdict.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The (policy, connection) alert lifecycle of D11, one-minute periods from DAY_START. */
class AlertStateMachineTest {

  private static final Instant DAY_START = AlertFixtures.DAY_START;
  private static final Instant ONE_MINUTE_LATER = AlertFixtures.ONE_MINUTE_LATER;

  /** The notices given over consecutive one-minute periods, as "minute:STATE". */
  private static List<String> run(int consecutive, RepeatSchedule repeat, Verdict... verdicts) {
    AlertState state = AlertState.IDLE;
    List<String> notices = new ArrayList<>();
    for (int i = 0; i < verdicts.length; i++) {
      Instant end = DAY_START.plusSeconds(60L * (i + 1));
      AlertStateMachine.Step step =
          AlertStateMachine.next(state, verdicts[i], end, consecutive, repeat);
      if (step.notice() != null) {
        notices.add((i + 1) + ":" + step.notice());
      }
      state = step.state();
    }
    return notices;
  }

  private static Verdict[] times(int n, Verdict v) {
    Verdict[] out = new Verdict[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  private static Verdict[] concat(Verdict[]... parts) {
    List<Verdict> all = new ArrayList<>();
    for (Verdict[] p : parts) {
      all.addAll(List.of(p));
    }
    return all.toArray(Verdict[]::new);
  }

  @Test
  void firesAtTheEndOfTheNthConsecutiveBreachingPeriod_D11() {
    assertThat(run(3, RepeatSchedule.NONE, BREACH, BREACH)).isEmpty();
    assertThat(run(3, RepeatSchedule.NONE, BREACH, BREACH, BREACH)).containsExactly("3:FIRING");
    assertThat(run(1, RepeatSchedule.NONE, CLEAR, BREACH)).containsExactly("2:FIRING");
  }

  @Test
  void aPeriodThatDoesNotBreachStartsTheCountAgain_D11() {
    assertThat(run(3, RepeatSchedule.NONE, BREACH, BREACH, CLEAR, BREACH, BREACH))
        .as("two, a clear period, two: never three in a row")
        .isEmpty();
    assertThat(run(3, RepeatSchedule.NONE, BREACH, BREACH, CLEAR, BREACH, BREACH, BREACH))
        .containsExactly("6:FIRING");
  }

  @Test
  void firesOnceAndResolvesAtTheFirstPeriodThatDoesNotBreach_D11() {
    assertThat(run(2, RepeatSchedule.NONE, concat(times(6, BREACH), times(3, CLEAR))))
        .containsExactly("2:FIRING", "7:RESOLVED");
    assertThat(
            run(
                2,
                RepeatSchedule.NONE,
                concat(times(3, BREACH), times(1, CLEAR), times(2, BREACH))))
        .as("fires again after a recovery only after N new breaching periods")
        .containsExactly("2:FIRING", "4:RESOLVED", "6:FIRING");
  }

  @Test
  void repeatsAtTheFixedIntervalWhileFiring_D11() {
    RepeatSchedule every5 = RepeatSchedule.every(Duration.ofMinutes(5), false);
    assertThat(run(1, every5, concat(times(16, BREACH), times(1, CLEAR))))
        .containsExactly("1:FIRING", "6:REPEAT", "11:REPEAT", "16:REPEAT", "17:RESOLVED");
  }

  @Test
  void repeatsExponentiallyDoublingTheIntervalAfterEachRepeat_D11() {
    RepeatSchedule exp5 = RepeatSchedule.every(Duration.ofMinutes(5), true);
    // Fired at minute 1; repeats 5, 10, 20, 40 minutes after the previous notice.
    assertThat(run(1, exp5, times(80, BREACH)))
        .containsExactly("1:FIRING", "6:REPEAT", "16:REPEAT", "36:REPEAT", "76:REPEAT");
  }

  @Test
  void exponentialRepeatNeverWaitsMoreThanADay_D11() {
    RepeatSchedule exp = RepeatSchedule.every(Duration.ofHours(6), true);
    Instant fired = DAY_START;
    assertThat(exp.nextDue(fired, 0)).contains(fired.plus(Duration.ofHours(6)));
    assertThat(exp.nextDue(fired, 1)).contains(fired.plus(Duration.ofHours(12)));
    assertThat(exp.nextDue(fired, 2)).contains(fired.plus(Duration.ofDays(1)));
    assertThat(exp.nextDue(fired, 9)).contains(fired.plus(Duration.ofDays(1)));
  }

  @Test
  void aNoVerdictPeriodNeitherCountsNorBreaksARunNorResolves_D11() {
    assertThat(run(3, RepeatSchedule.NONE, BREACH, NONE, BREACH, NONE, NONE))
        .as("two breaching periods around no-verdict ones are still only two")
        .isEmpty();
    assertThat(run(3, RepeatSchedule.NONE, BREACH, NONE, BREACH, NONE, BREACH))
        .containsExactly("5:FIRING");
    assertThat(run(1, RepeatSchedule.NONE, BREACH, NONE, NONE, NONE, CLEAR))
        .as("a firing alert stays firing through periods without data")
        .containsExactly("1:FIRING", "5:RESOLVED");
  }

  @Test
  void aRepeatFallsDueOnlyOnABreachingPeriod_D11() {
    RepeatSchedule every5 = RepeatSchedule.every(Duration.ofMinutes(5), false);
    assertThat(run(1, every5, concat(times(1, BREACH), times(6, NONE), times(1, BREACH))))
        .containsExactly("1:FIRING", "8:REPEAT");
  }

  @Test
  void noRepeatsWithoutARepeatInterval_D11() {
    assertThat(run(1, RepeatSchedule.NONE, times(2000, BREACH))).containsExactly("1:FIRING");
  }

  @Test
  void statesCarryWhatTheNextStepNeeds() {
    AlertStateMachine.Step fired =
        AlertStateMachine.next(AlertState.IDLE, BREACH, ONE_MINUTE_LATER, 1, RepeatSchedule.NONE);
    assertThat(fired.notice()).isEqualTo(FIRING);
    assertThat(fired.state())
        .isEqualTo(new AlertState(1, true, ONE_MINUTE_LATER, 0, ONE_MINUTE_LATER));
    AlertStateMachine.Step resolved =
        AlertStateMachine.next(
            fired.state(), CLEAR, DAY_START.plusSeconds(120), 1, RepeatSchedule.NONE);
    assertThat(resolved.notice()).isEqualTo(RESOLVED);
    assertThat(resolved.state().idle()).isTrue();
  }
}
