package io.peerbill.billing.statement.html;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.BEFORE_DAY;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static io.peerbill.billing.BillingInstants.SHANGHAI_DAY;
import static io.peerbill.schema.jooq.Tables.TRAFFIC_5M;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.tariff.TierModel;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A day as customers have it — diurnal traffic, a burst above the cap, a cap raised at noon, a
 * deletion mid-day, a free same-region line, a late sample — billed by the job. Its statement is
 * copied to {@code target/statement-sample/} for the look in a browser (README, billing).
 */
class RealisticStatementTest extends BillingTestBase {

  @Autowired StatementPageLoader loader;

  @Test
  void chartPeaksAreTheBilledPeaksOnARealisticDay_D5_D6_D9() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    tariff("cn-mainland:overseas", LocalDate.of(2026, 1, 1), TierModel.GRADUATED);
    Random noise = new Random(7);
    String web =
        fixture.active(
            "gz-web → bj-db",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.BEIJING,
            1000,
            BEFORE_DAY);
    diurnal(web, 650, noise, DAY_START, SHANGHAI_DAY.end());
    // A burst above the cap at 14:35: billed at the cap (D6).
    dsl.update(TRAFFIC_5M)
        .set(TRAFFIC_5M.OUT_BYTES, bytesFor(1150))
        .where(TRAFFIC_5M.CONNECTION_ID.eq(web))
        .and(
            TRAFFIC_5M.BUCKET_START.eq(
                DAY_START.plus(Duration.ofMinutes(875)).atOffset(ZoneOffset.UTC)))
        .execute();
    fixture.tooLate(web, DAY_START.plus(Duration.ofHours(9)), bytesFor(80), bytesFor(120));
    String overseas =
        fixture.active(
            "gz-app → sg-edge",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.SINGAPORE,
            200,
            BEFORE_DAY);
    fixture.capChange(overseas, 500, DAY_START.plus(Duration.ofHours(12)));
    diurnal(overseas, 380, noise, DAY_START, SHANGHAI_DAY.end());
    String backup =
        fixture.active(
            "gz backup (same region)",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.GUANGZHOU,
            null,
            BEFORE_DAY);
    diurnal(backup, 900, noise, DAY_START, SHANGHAI_DAY.end());
    String retired =
        fixture.active(
            "gz-batch → bj-archive",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.BEIJING,
            300,
            BEFORE_DAY);
    Instant deleted = DAY_START.plus(Duration.ofHours(15)).plusSeconds(120);
    diurnal(retired, 240, noise, DAY_START, deleted);
    fixture.delete(retired, deleted);
    String idle =
        fixture.active(
            "<script>alert('idle')</script>",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.BEIJING,
            100,
            BEFORE_DAY);

    bill(DAY, SHANGHAI);

    for (StatementPage.Line line : loader.load(BillingFixture.REQUESTER, SHANGHAI_DAY).lines()) {
      if (line.chart() != null && line.bill().peakMbps() != null) {
        assertThat(line.chart().peak().orElseThrow().peakMbps().setScale(6, RoundingMode.HALF_UP))
            .as("chart peak of %s", line.bill().connectionId())
            .isEqualByComparingTo(line.bill().peakMbps());
      }
    }
    assertThat(line(web, DAY).billedMbps()).isEqualByComparingTo("1000.00");
    assertThat(line(backup, DAY).status()).isEqualTo(LineStatus.FREE);
    assertThat(line(retired, DAY).coverage()).isEqualTo("181/181");
    // Rendered on request, as bills pages --date D --account A does.
    pageFiles.write(DAY, BillingFixture.REQUESTER, properties.statementDir());
    String file = StatementPageFiles.fileName(BillingFixture.REQUESTER, SHANGHAI_DAY);
    Path sample = Path.of("target", "statement-sample");
    Files.createDirectories(sample);
    Files.copy(
        properties.statementDir().resolve(file),
        sample.resolve(file),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every bucket in [from, to): low at night, highest in the evening (20:00), some noise. */
  private void diurnal(
      String connectionId, double peakMbps, Random noise, Instant from, Instant to) {
    for (Instant b = from; b.isBefore(to); b = b.plusSeconds(300)) {
      double hours = Duration.between(DAY_START, b).toMinutes() / 60.0;
      double shape = 0.55 + 0.45 * Math.cos((hours - 20) / 24 * 2 * Math.PI);
      double out = peakMbps * shape * (0.9 + 0.08 * noise.nextDouble());
      double in = out * (0.55 + 0.1 * noise.nextDouble());
      fixture.bucket(connectionId, b, bytesFor(in), bytesFor(out));
    }
  }
}
