package io.peerbill.billing.run;

import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository.LineRevision;
import io.peerbill.billing.line.LineStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A day billed in one zone is billed in another only when the operator says so (D5). */
class ZoneRebillTest extends BillingTestBase {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aDayBilledInOneZoneIsRefusedInAnotherWithOneLine() throws Exception {
    sevenConnections(DAY, DAY_START);
    fixture.watermark(DAY_START.plus(Duration.ofDays(3)));
    assertThat(billingRun.bill(new BillingDay(DAY, SHANGHAI), false).succeeded()).isTrue();

    assertThatThrownBy(() -> billingRun.bill(new BillingDay(DAY, BERLIN), false))
        .isInstanceOf(ZoneGuard.DayBilledInAnotherZoneException.class)
        .hasMessage(
            "cannot bill 2026-11-25 (Europe/Berlin): 2026-11-25 is billed in Asia/Shanghai;"
                + " --rebill-zone re-bills it in Europe/Berlin (each changed line keeps its earlier"
                + " value as a revision)");
    assertThat(lines.linesOf(DAY, null)).extracting(BillLine::zone).containsOnly("Asia/Shanghai");
    assertThat(lines.linesOf(DAY, null))
        .extracting(BillLine::status)
        .containsOnly(LineStatus.BILLED);
  }

  @Test
  void reBillingADayInAnotherZoneKeepsEachEarlierLineAsARevisionSayingWhy() throws Exception {
    List<String> ids = sevenConnections(DAY, DAY_START);
    fixture.watermark(DAY_START.plus(Duration.ofDays(3)));
    billingRun.bill(new BillingDay(DAY, SHANGHAI), false);

    BillingReport rebilled = billingRun.bill(new BillingDay(DAY, BERLIN), false, true);

    assertThat(rebilled.succeeded()).isTrue();
    // The traffic was in the first 35 minutes of the 25th in Shanghai: the 24th in Berlin.
    assertThat(rebilled.linesByStatus())
        .containsOnly(java.util.Map.entry(LineStatus.NO_TRAFFIC, 7));
    BillLine first = line(ids.get(0), DAY);
    assertThat(first.zone()).isEqualTo("Europe/Berlin");
    assertThat(first.amount()).isEqualByComparingTo("0.00");
    List<LineRevision> history = lines.revisionsOf(ids.get(0), DAY);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).amount()).isEqualByComparingTo("154.00");
    assertThat(history.get(0).reason())
        .startsWith(
            "re-billed in Europe/Berlin (was Asia/Shanghai, --rebill-zone): re-run changed zone"
                + " Asia/Shanghai -> Europe/Berlin; status BILLED -> NO_TRAFFIC");
    // Billed in Berlin now: Berlin again is a re-run, Shanghai is refused.
    assertThat(billingRun.bill(new BillingDay(DAY, BERLIN), false).succeeded()).isTrue();
    assertThat(lines.revisionsOf(ids.get(0), DAY)).hasSize(1);
    assertThatThrownBy(() -> billingRun.bill(new BillingDay(DAY, SHANGHAI), false))
        .isInstanceOf(ZoneGuard.DayBilledInAnotherZoneException.class);
  }
}
