package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import io.peerbill.billing.run.DayFence;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Billing runs over HTTP go through the code {@code peerbill bill} runs: started in the background
 * (202 and the run's URL), each day QUEUED, RUNNING, then COMPLETED or FAILED with its job
 * execution and a one-line reason; a range stops at its first failed day (the rest SKIPPED); a day
 * being billed elsewhere is refused with DAY_BEING_BILLED and the message the CLI prints.
 */
class BillingRunsOverHttpTest extends ApiTestBase {

  private static final String RUNS = "/v1/operator/billing-runs";

  @Autowired DayFence fence;
  @Autowired DataSource dataSource;

  Http http;
  String operator;

  @BeforeEach
  void operator() {
    http = http();
    operator = operatorKey();
  }

  @Test
  void aRangeRunsInTheBackgroundAndShowsEachDaysExecution() throws Exception {
    Response started =
        http.post(RUNS, operator, run("\"from\":\"2019-03-01\",\"to\":\"2019-03-03\""));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String url = billingRunUrl(started);
    assertThat(started.json().get("kind").asString()).isEqualTo("DAYS");
    assertThat(periods(started.json())).containsExactly("2019-03-01", "2019-03-02", "2019-03-03");

    JsonNode done = finished(url);

    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    for (JsonNode day : done.get("periods")) {
      assertThat(day.get("status").asString()).isEqualTo("COMPLETED");
      assertThat(day.get("exit_code").asString()).isEqualTo("COMPLETED");
      assertThat(day.get("reason").isNull()).isTrue();
      long execution = day.get("job_execution_id").asLong();
      JsonNode executions =
          http.get(RUNS + "?date=" + day.get("period").asString(), operator)
              .json()
              .get("executions");
      List<Long> ids = new ArrayList<>();
      executions.forEach(e -> ids.add(e.get("job_execution_id").asLong()));
      assertThat(ids).contains(execution);
    }
  }

  @Test
  void aDayBeingBilledElsewhereIsRefusedWithTheCodeAndMessageOfTheCli() throws Exception {
    LocalDate day = LocalDate.of(2019, 3, 5);
    try (DayFence.Held held = fence.hold(day)) {
      Response refused = http.post(RUNS, operator, run("\"date\":\"" + day + "\""));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("DAY_BEING_BILLED");
      assertThat(refused.json().get("message").asString())
          .startsWith("cannot bill 2019-03-05: it is being billed by");
    }
    Response month = http.post(RUNS, operator, run("\"month\":\"2019-13\""));
    assertThat(month.status()).isEqualTo(400);
    assertThat(month.code()).isEqualTo("INVALID_INPUT");
  }

  /**
   * The worker is held on a monthly run (its table locked), so the range queued behind it is
   * QUEUED; another day of the range is then fenced by another session: the range bills the day
   * before it, fails on it with DAY_BEING_BILLED and skips the day after. Run again once the fence
   * is gone, every day completes.
   */
  @Test
  void aRangeStopsAtItsFirstFailedDayAndLaterDaysAreSkipped() throws Exception {
    String month;
    String range;
    DayFence.Held held;
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE month_billing_run IN ACCESS EXCLUSIVE MODE");
      }
      month = billingRunUrl(http.post(RUNS, operator, run("\"month\":\"2019-02\"")));
      range =
          billingRunUrl(
              http.post(RUNS, operator, run("\"from\":\"2019-03-07\",\"to\":\"2019-03-09\"")));
      JsonNode queued = http.get(range, operator).json();
      assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
      assertThat(queued.get("periods").get(1).get("status").asString()).isEqualTo("QUEUED");

      Response twice = http.post(RUNS, operator, run("\"date\":\"2019-03-08\""));
      assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
      assertThat(twice.code()).isEqualTo("DAY_BEING_BILLED");
      assertThat(twice.json().get("message").asString())
          .isEqualTo(
              "cannot bill 2019-03-08: it is being billed by billing run "
                  + range.substring(range.lastIndexOf('/') + 1)
                  + " of this server; run bill again once that has finished");
      // Fenced by another session before the worker can reach the range (it is held on the month).
      held = fence.hold(LocalDate.of(2019, 3, 8));
      lock.rollback();
    }
    JsonNode stopped;
    try {
      stopped = finished(range);
    } finally {
      held.close();
    }
    JsonNode monthRun = finished(month);
    assertThat(monthRun.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(monthRun.get("periods").get(0).get("period").asString()).isEqualTo("2019-02");
    assertThat(monthRun.get("periods").get(0).get("exit_code").asString()).isEqualTo("COMPLETED");

    assertThat(stopped.get("status").asString()).isEqualTo("FAILED");
    JsonNode[] days = {
      stopped.get("periods").get(0), stopped.get("periods").get(1), stopped.get("periods").get(2)
    };
    assertThat(days[0].get("status").asString()).isEqualTo("COMPLETED");
    assertThat(days[1].get("status").asString()).isEqualTo("FAILED");
    assertThat(days[1].get("code").asString()).isEqualTo("DAY_BEING_BILLED");
    assertThat(days[1].get("reason").asString())
        .startsWith("cannot bill 2019-03-08: it is being billed by");
    assertThat(days[2].get("status").asString()).isEqualTo("SKIPPED");
    assertThat(days[2].get("reason").asString()).startsWith("not billed: 2019-03-08 failed first");

    JsonNode again =
        finished(
            billingRunUrl(
                http.post(RUNS, operator, run("\"from\":\"2019-03-07\",\"to\":\"2019-03-09\""))));
    assertThat(again.get("status").asString()).isEqualTo("COMPLETED");
  }

  private static String run(String period) {
    return "{" + period + ",\"force\":true}";
  }

  private static List<String> periods(JsonNode run) {
    List<String> periods = new ArrayList<>();
    run.get("periods").forEach(p -> periods.add(p.get("period").asString()));
    return periods;
  }

  private JsonNode finished(String url) throws InterruptedException {
    return finishedBillingRun(url, operator);
  }
}
