package io.peerbill.billing.run;

import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The range rule {@code bill --from/--to} and the API's billing runs share: days are billed in
 * order, and the first day whose billing FAILED stops the range (the days after it wait for it; a
 * re-run of the range resumes it and goes on).
 */
class BillingRangeTest extends BillingTestBase {

  @Autowired BillingRange range;

  @Test
  void daysAreBilledInOrderAndTheFirstFailedDayStopsTheRange() throws Exception {
    List<String> ids = sevenConnections(DAY, DAY_START);
    // Injected failure: the database refuses one connection's line of the 25th only.
    dsl.execute("CREATE TABLE IF NOT EXISTS fault (connection_id text, bill_day date)");
    dsl.execute("TRUNCATE fault");
    dsl.execute(
        "CREATE OR REPLACE FUNCTION fail_on_day_fault() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN IF EXISTS (SELECT 1 FROM fault WHERE connection_id = NEW.connection_id"
            + " AND bill_day = NEW.bill_day) THEN"
            + " RAISE EXCEPTION 'injected failure at %', NEW.connection_id; END IF;"
            + " RETURN NEW; END $$");
    dsl.execute(
        "CREATE OR REPLACE TRIGGER bill_line_day_fault BEFORE INSERT ON bill_line"
            + " FOR EACH ROW EXECUTE FUNCTION fail_on_day_fault()");
    dsl.execute("INSERT INTO fault VALUES (?, ?::date)", ids.get(4), DAY.toString());
    try {
      List<String> started = new ArrayList<>();
      BillingRange.Progress progress =
          new BillingRange.Progress() {
            @Override
            public void starting(BillingDay day, long index, long days) {
              started.add(index + "/" + days + " " + day.date());
            }
          };

      List<BillingReport> first =
          range.bill(DAY.minusDays(1), DAY.plusDays(1), SHANGHAI, true, false, progress);

      assertThat(started).containsExactly("1/3 2026-11-24", "2/3 2026-11-25");
      assertThat(first)
          .extracting(BillingReport::batchStatus)
          .containsExactly("COMPLETED", "FAILED");
      assertThat(BillingRange.stopsTheRange(first.get(1))).isTrue();
      assertThat(lines.linesOf(DAY.plusDays(1), null)).as("the 26th waits for the 25th").isEmpty();

      dsl.execute("TRUNCATE fault");
      started.clear();
      List<BillingReport> again =
          range.bill(DAY.minusDays(1), DAY.plusDays(1), SHANGHAI, true, false, progress);

      assertThat(started).hasSize(3);
      assertThat(again).allMatch(BillingReport::succeeded);
      assertThat(again.get(1).totalByCurrency().get("CNY")).isEqualByComparingTo("4240.00");
      assertThat(lines.linesOf(DAY.plusDays(1), null)).hasSize(7);
    } finally {
      dsl.execute("DROP TRIGGER IF EXISTS bill_line_day_fault ON bill_line");
    }
  }
}
