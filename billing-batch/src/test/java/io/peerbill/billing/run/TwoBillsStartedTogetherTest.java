package io.peerbill.billing.run;

import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_END;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15: two {@code bill --date D} started together, each in a JVM of its own as two shells
 * start them, leave one result, equal to a single run's: one bills, the other refuses at once in
 * one line naming the running execution (or the process about to start it) (the day's fence), and
 * nothing is written twice.
 */
class TwoBillsStartedTogetherTest extends BillingTestBase {

  @Autowired DayExecutions executions;

  @Test
  void twoBillsOfADayStartedTogetherLeaveTheResultOfOneRun() throws Exception {
    sevenConnections(DAY, DAY_START);
    fixture.watermark(DAY_END.plus(Duration.ofHours(2)));
    Path statements = properties.statementDir();
    BillingOutcome.forget(dsl, DAY, statements);
    assertThat(billingRun.bill(new BillingDay(DAY, SHANGHAI), false).succeeded()).isTrue();
    BillingOutcome single = BillingOutcome.of(dsl, DAY, statements, this::renderPages);
    BillingOutcome.forget(dsl, DAY, statements);

    Path work = Path.of("target", "bill-processes");
    BillProcess first;
    BillProcess second;
    // Whichever takes the fence stops in its staging until both have shown what they do.
    try (Gate staging = Gate.onTable(database().dataSource(), "bandwidth_cap_change")) {
      first = BillProcess.start(database(), statements, work, "bill", "--date", DAY.toString());
      second = BillProcess.start(database(), statements, work, "bill", "--date", DAY.toString());
      BillProcess[] both = {first, second};
      Await.until(
          "one billing, the other finished",
          () -> staging.blocksSomeone() && (!both[0].isAlive() || !both[1].isAlive()),
          null);
    }
    BillProcess refused = first.isAlive() ? second : first;
    BillProcess billed = refused == first ? second : first;

    assertThat(billed.waitFor()).as(billed.output()).isZero();
    assertThat(refused.waitFor()).as(refused.output()).isEqualTo(1);
    List<String> refusal = refused.output().strip().lines().toList();
    assertThat(refusal).hasSize(1);
    assertThat(refusal.get(0))
        // By its job execution, or by its backend if it has not started that yet.
        .startsWith("peerbill: cannot bill 2026-11-25: it is being billed by ")
        .endsWith("; run bill again once that has finished");
    assertThat(billed.output()).contains("billing day 2026-11-25 (Asia/Shanghai): COMPLETED");

    assertThat(BillingOutcome.of(dsl, DAY, statements, this::renderPages)).isEqualTo(single);
    assertThat(executions.billingOf(new BillingDay(DAY, SHANGHAI))).hasSize(1);
    assertThat(executions.running(DAY)).isEmpty();
  }
}
