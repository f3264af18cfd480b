package io.peerbill.billing.statement.html;

import static io.peerbill.billing.BillingFixture.bytesFor;
import static io.peerbill.billing.BillingInstants.BEFORE_DAY;
import static io.peerbill.billing.BillingInstants.DAY;
import static io.peerbill.billing.BillingInstants.DAY_START;
import static io.peerbill.billing.BillingInstants.SHANGHAI_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.run.BillingReport;
import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.billing.tariff.TierModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The HTML statement the billing job writes beside the CSV, read back from its file. */
class StatementHtmlTest extends BillingTestBase {

  @Autowired StatementPageLoader loader;

  @Test
  void statementPerPayingAccountWithExactAmountsAndTotal_R11() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String billed = fixture.crossRegion(1000, BEFORE_DAY);
    fixture.bucket(billed, DAY_START.plusSeconds(3600), bytesFor(400), bytesFor(912));
    String capped = fixture.crossRegion(500, BEFORE_DAY);
    fixture.bucket(capped, DAY_START.plusSeconds(600), bytesFor(650.5), 0);
    String free = fixture.sameRegion(BEFORE_DAY);
    fixture.bucket(free, DAY_START, bytesFor(3000), 0);
    String silent = fixture.crossRegion(100, BEFORE_DAY);
    String otherPayer =
        fixture.active(
            BillingFixture.ACCEPTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.BEIJING,
            1000,
            BEFORE_DAY);
    fixture.bucket(otherPayer, DAY_START, bytesFor(10), 0);

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    assertThat(row(html, billed))
        .contains(">912.00<", ">1000<", ">1.50<", "1368.00 CNY", "1/288")
        .doesNotContain("billed at cap");
    assertThat(row(html, capped)).contains(">650.50<", ">500.00<", "750.00 CNY", "billed at cap");
    assertThat(row(html, free)).contains("0.00 CNY", "same-region: free");
    assertThat(row(html, silent)).contains("0.00 CNY", "no traffic", "0/288");
    assertThat(html)
        .contains("<span class=\"total\" data-currency=\"CNY\">2118.00 CNY</span>")
        .contains("2026-11-25 in Asia/Shanghai")
        .contains("2026-11-24T16:00:00Z – 2026-11-25T16:00:00Z (24 h)")
        .doesNotContain(otherPayer)
        .doesNotContain("Adjustment");
    // A chart for each cross-region line, none for the free one.
    assertThat(chartOf(html, billed)).contains("<svg");
    assertThat(chartOf(html, silent)).contains("<svg").doesNotContain("class=\"peak\"");
    assertThat(html)
        .doesNotContain("<section class=\"connection-chart\" data-connection=\"" + free);
    // Self-contained: nothing to fetch.
    assertThat(html).doesNotContain("<script", "<link", "src=", "url(", "http://", "https://");
    assertThat(statement(BillingFixture.ACCEPTER, SHANGHAI_DAY))
        .contains("<span class=\"total\" data-currency=\"CNY\">15.40 CNY</span>");
  }

  @Test
  void hostileConnectionNameIsEscaped() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id =
        fixture.active(
            "<script>alert(\"x\")</script> & 'co'",
            BillingFixture.REQUESTER,
            BillingFixture.GUANGZHOU,
            BillingFixture.BEIJING,
            1000,
            BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(100), 0);

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    assertThat(html)
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
  }

  @Test
  void peakMarkerSitsAtTheBilledPeakBucketWithTooLateSamplesFoldedIn_D5() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(5000, BEFORE_DAY);
    Instant peakBucket = DAY_START.plus(Duration.ofHours(5));
    fixture.bucket(id, DAY_START.plus(Duration.ofHours(2)), bytesFor(400), bytesFor(420));
    fixture.bucket(id, peakBucket, 0, bytesFor(300));
    // Folded into the 05:00 bucket as billing does: 300 + 250 = 550 Mbps out.
    fixture.tooLate(id, peakBucket.plusSeconds(300), 0, bytesFor(250));

    billAndRender(DAY, SHANGHAI);

    String chart = chartOf(statement(BillingFixture.REQUESTER, SHANGHAI_DAY), id);
    ChartGeometry geometry = ChartGeometry.of(chartModel(id, SHANGHAI_DAY));
    String marker = element(chart, "circle", "peak");
    assertThat(attribute(marker, "data-time")).isEqualTo(peakBucket.toString());
    assertThat(new BigDecimal(attribute(marker, "data-mbps")))
        .isEqualByComparingTo("550")
        .isEqualByComparingTo(line(id, DAY).peakMbps());
    assertThat(attribute(marker, "cx")).isEqualTo(ChartGeometry.px(geometry.bucketX(peakBucket)));
    assertThat(attribute(marker, "cy")).isEqualTo(ChartGeometry.px(geometry.y(550)));
    // 05:00 Shanghai time, as the customer reads it.
    assertThat(chart).contains(">peak 550.00 Mbps at 05:00</text>");
  }

  @Test
  void capLineIsDrawnAtTheCap_D6() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(500, BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(100), 0);

    billAndRender(DAY, SHANGHAI);

    String path =
        element(chartOf(statement(BillingFixture.REQUESTER, SHANGHAI_DAY), id), "path", "cap");
    ChartGeometry g = ChartGeometry.of(chartModel(id, SHANGHAI_DAY));
    assertThat(attribute(path, "d"))
        .isEqualTo(
            "M" + px(g.x(DAY_START)) + " " + px(g.y(500)) + " H" + px(g.x(SHANGHAI_DAY.end())));
  }

  @Test
  void capLineStepsWhereTheCapWasRaisedMidDay_D6() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(200, BEFORE_DAY);
    Instant raised = DAY_START.plus(Duration.ofHours(12));
    fixture.capChange(id, 1000, raised);
    fixture.bucket(id, DAY_START.plusSeconds(3600), bytesFor(800), 0);

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    String path = element(chartOf(html, id), "path", "cap");
    ChartGeometry g = ChartGeometry.of(chartModel(id, SHANGHAI_DAY));
    assertThat(attribute(path, "d"))
        .isEqualTo(
            "M"
                + px(g.x(DAY_START))
                + " "
                + px(g.y(200))
                + " H"
                + px(g.x(raised))
                + " V"
                + px(g.y(1000))
                + " H"
                + px(g.x(SHANGHAI_DAY.end())));
    assertThat(attribute(path, "data-steps")).isEqualTo("200@" + DAY_START + " 1000@" + raised);
    assertThat(row(html, id))
        .contains(
            "1200.00 CNY", "cap changed during the day (200 → 1000 Mbps): the highest applies");
  }

  @Test
  void springForwardDayChartHas276Buckets_D5() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate day = LocalDate.of(2026, 3, 29);
    BillingDay berlinDay = new BillingDay(day, berlin);
    fixture.partitions(day);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(5000, berlinDay.start().minus(Duration.ofDays(1)));
    Instant last = berlinDay.end().minusSeconds(300);
    fixture.bucket(id, last, bytesFor(100), 0);

    billAndRender(day, berlin);

    String html = statement(BillingFixture.REQUESTER, berlinDay);
    String chart = chartOf(html, id);
    assertThat(attribute(element(chart, "svg", "chart"), "data-buckets")).isEqualTo("276");
    assertThat(html).contains("2026-03-28T23:00:00Z – 2026-03-29T22:00:00Z (23 h)");
    // The last bucket is drawn at the right edge; local hours 00:00 and 03:00 are two apart.
    ChartGeometry g = ChartGeometry.of(chartModel(id, berlinDay));
    assertThat(attribute(element(chart, "circle", "peak"), "cx")).isEqualTo(px(g.bucketX(last)));
    assertThat(g.x(berlinDay.end())).isEqualTo(ChartGeometry.WIDTH - 16.0);
    assertThat(chart).contains(">00:00</text>", ">03:00</text>", ">21:00</text>", ">24:00</text>");
    assertThat(attribute(element(chart, "text", "hour"), "x"))
        .isEqualTo(px(g.x(berlinDay.start())));
    assertThat(chart)
        .contains(
            "x=\""
                + px(g.x(berlinDay.start().plus(Duration.ofHours(2))))
                + "\" y=\"274.00\" text-anchor=\"middle\" fill=\"#4a5568\">03:00<");
    assertThat(row(html, id)).contains("1/276");
  }

  @Test
  void reBilledLineShowsItsRevisionAndTheAdjustment() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String id = fixture.crossRegion(1000, BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(912), 0);
    billAndRender(DAY, SHANGHAI);
    // The catalogue's price is corrected: the same class and day loaded again replaces it.
    tariffs.load(
        List.of(
            new Tariff(
                null,
                "cn-mainland:cn-mainland",
                LocalDate.of(2026, 1, 1),
                TierModel.VOLUME,
                "CNY",
                List.of(new TariffTier(BigDecimal.ZERO, null, new BigDecimal("2.00"))))));

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    assertThat(row(html, id)).contains("1824.00 CNY", "re-billed: revision 1 was 1368.00");
    assertThat(html)
        .contains(
            "<span class=\"adjustment\">+456.00 CNY</span> (revision 2; previous total 1368.00)");
  }

  @Test
  void lineRemovedOnAReRunShowsItsEarlierValueAndTheAdjustment_D9() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    String kept = fixture.crossRegion(1000, BEFORE_DAY);
    fixture.bucket(kept, DAY_START, bytesFor(100), 0);
    String withdrawn = fixture.crossRegion(1000, BEFORE_DAY);
    fixture.bucket(withdrawn, DAY_START, bytesFor(912), 0);
    billAndRender(DAY, SHANGHAI);
    fixture.neverActiveAfterAll(withdrawn, "WITHDRAWN");

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    assertThat(row(html, withdrawn))
        .contains(
            "data-status=\"REMOVED\"",
            "0.00 CNY",
            "removed: not active that day after all",
            "re-billed: revision 1 was 1368.00 (re-run removed: no ACTIVE time on 2026-11-25")
        .doesNotContain("active for part of the day");
    assertThat(html)
        .contains("<span class=\"total\" data-currency=\"CNY\">154.00 CNY</span>")
        .contains("<dt>Lines</dt><dd>1</dd>")
        .contains(
            "<span class=\"adjustment\">-1368.00 CNY</span> (revision 2; previous total 1522.00)");
  }

  @Test
  void failedLineShowsItsReason_D9() throws Exception {
    fixture.partitions(DAY);
    d7VolumeTariff(LocalDate.of(2026, 1, 1)); // none for cn-mainland:overseas
    String id =
        fixture.active(BillingFixture.GUANGZHOU, BillingFixture.SINGAPORE, 1000, BEFORE_DAY);
    fixture.bucket(id, DAY_START, bytesFor(100), 0);

    billAndRender(DAY, SHANGHAI);

    String html = statement(BillingFixture.REQUESTER, SHANGHAI_DAY);
    assertThat(row(html, id))
        .contains(
            "<span class=\"note failed\">failed: no tariff in force for region pair class"
                + " cn-mainland:overseas on 2026-11-25</span>",
            "0.00 CNY");
    assertThat(html).contains("<dt>Lines</dt><dd>1, 1 failed</dd>");
  }

  private static String px(double value) {
    return ChartGeometry.px(value);
  }

  private TrafficChart chartModel(String connectionId, BillingDay day) {
    return loader.load(BillingFixture.REQUESTER, day).lines().stream()
        .filter(l -> l.bill().connectionId().equals(connectionId))
        .findFirst()
        .orElseThrow()
        .chart();
  }

  private String statement(String accountId, BillingDay day) throws Exception {
    Path file = properties.statementDir().resolve(StatementPageFiles.fileName(accountId, day));
    assertThat(file).exists();
    return Files.readString(file);
  }

  private static String row(String html, String connectionId) {
    return between(html, "<tr class=\"line\" data-connection=\"" + connectionId + "\"", "</tr>");
  }

  private static String chartOf(String html, String connectionId) {
    return between(
        html,
        "<section class=\"connection-chart\" data-connection=\"" + connectionId + "\"",
        "</section>");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("%s in the statement", start).isNotNegative();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String element(String markup, String tag, String cssClass) {
    Matcher m =
        Pattern.compile("<" + tag + "\\b[^>]*class=\"" + cssClass + "\"[^>]*>").matcher(markup);
    assertThat(m.find()).as("<%s class=%s>", tag, cssClass).isTrue();
    return m.group();
  }

  private static String attribute(String element, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(element);
    assertThat(m.find()).as("%s in %s", name, element).isTrue();
    return m.group(1);
  }

  /**
   * Bills the day the way the CLI does, which writes the CSV statements but no page; then asks for
   * every page of the day, as {@code bills pages --date D --all-accounts} does.
   */
  private void billAndRender(LocalDate day, ZoneId zone) throws Exception {
    for (Path page : dayPages(day)) {
      Files.delete(page); // of an earlier bill (or test) of the day
    }
    BillingReport report = billingRun.bill(new BillingDay(day, zone), true);
    assertThat(report.batchStatus()).isEqualTo("COMPLETED");
    assertThat(dayPages(day)).as("bill renders no page").isEmpty();
    assertThat(report.describe())
        .contains(
            "statement pages on request: peerbill bills pages --date "
                + day
                + " --all-accounts (or --account ACCOUNT), or GET /v1/statements/"
                + day
                + "/html");
    assertThat(pageFiles.write(day, null, properties.statementDir())).isNotEmpty();
  }

  private List<Path> dayPages(LocalDate day) throws java.io.IOException {
    try (var files = Files.list(properties.statementDir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(day + ".html")).toList();
    }
  }
}
