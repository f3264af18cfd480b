package io.peerbill.billing.month;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.billing.BillingApplication;
import io.peerbill.billing.BillingDay;
import io.peerbill.billing.BillingFixture;
import io.peerbill.billing.BillingMonth;
import io.peerbill.billing.BillingTestBase;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.run.BillingRun;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.billing.whatif.RepricedLine;
import io.peerbill.billing.whatif.TariffCatalog;
import io.peerbill.billing.whatif.WhatIfReport;
import io.peerbill.billing.whatif.WhatIfRepricer;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * D14: what-if re-pricing of a range with both charge modes gives, line by line, the amounts a real
 * run with the other catalog gives (run in a second database), and stores nothing.
 */
class WhatIfRepricingTest extends BillingTestBase {

  static final BillingMonth NOVEMBER = new BillingMonth(YearMonth.of(2026, 11), SHANGHAI);
  static final List<LocalDate> DAYS =
      List.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25));

  /** Another catalog: other daily prices, and a graduated monthly tariff. */
  static final List<String> OTHER_CATALOG =
      List.of(
          "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price,charge_mode",
          "cn-mainland:cn-mainland,2026-01-01,VOLUME,CNY,0,500,2.00,",
          "cn-mainland:cn-mainland,2026-01-01,VOLUME,CNY,500,,1.70,DAILY_PEAK",
          "cn-mainland:cn-mainland,2026-01-01,GRADUATED,CNY,0,1000,50.00,MONTHLY_95TH",
          "cn-mainland:cn-mainland,2026-01-01,GRADUATED,CNY,1000,,30.00,MONTHLY_95TH");

  @Autowired WhatIfRepricer repricer;
  @Autowired MonthlyBillingRun monthlyRun;

  /** Two connections by the day (300 and 800 Mbps peaks), one by the month; ids in that order. */
  static List<String> seed(DSLContext dsl, BillingFixture fixture) {
    MonthFixture month = new MonthFixture(dsl);
    month.partitions(NOVEMBER);
    List<String> ids = new ArrayList<>();
    for (int peak : new int[] {300, 800}) {
      String id = fixture.crossRegion(5000, NOVEMBER.start().minus(Duration.ofDays(3)));
      for (LocalDate day : DAYS) {
        fixture.bucket(
            id,
            day.atStartOfDay(SHANGHAI).toInstant().plusSeconds(3600),
            BillingFixture.bytesFor(peak + day.getDayOfMonth()),
            0);
      }
      ids.add(id);
    }
    String monthly = fixture.crossRegion(5000, NOVEMBER.start().minus(Duration.ofDays(3)));
    month.monthly(monthly, NOVEMBER);
    month.shuffled(monthly, NOVEMBER.start(), NOVEMBER.end(), 8640);
    ids.add(monthly);
    fixture.watermark(NOVEMBER.end());
    return ids;
  }

  static void billAll(BillingRun days, MonthlyBillingRun months) throws Exception {
    for (LocalDate day : DAYS) {
      days.bill(new BillingDay(day, SHANGHAI), false);
    }
    months.bill(NOVEMBER, false);
  }

  /** Amount per (position of the connection in the seed, period) of a database's lines. */
  static Map<String, BigDecimal> storedAmounts(DSLContext dsl, List<String> ids) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    dsl.fetch(
            "SELECT connection_id, bill_day::text AS period, amount FROM bill_line"
                + " UNION ALL SELECT connection_id, to_char(bill_month, 'YYYY-MM'), amount"
                + " FROM month_bill_line ORDER BY 1, 2")
        .forEach(
            r ->
                amounts.put(
                    ids.indexOf(r.get(0, String.class)) + "@" + r.get(1, String.class),
                    r.get(2, BigDecimal.class)));
    return amounts;
  }

  @Test
  void whatIfEqualsARealRunWithTheOtherCatalog_D14() throws Exception {
    List<String> ids = seed(dsl, fixture);
    d7VolumeTariff(LocalDate.of(2026, 1, 1));
    new MonthFixture(dsl).monthlyTariff(tariffs);
    billAll(billingRun, monthlyRun);
    Map<String, BigDecimal> before = storedAmounts(dsl, ids);
    Path file = Files.createTempFile("other-catalog", ".csv");
    Files.write(file, OTHER_CATALOG);

    TariffCatalog other = new TariffCatalog(TariffCsv.read(file));
    List<RepricedLine> repriced =
        repricer.reprice(other, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), null);

    Map<String, BigDecimal> whatIf = new LinkedHashMap<>();
    Map<String, BigDecimal> current = new LinkedHashMap<>();
    for (RepricedLine line : repriced) {
      String key = ids.indexOf(line.connectionId()) + "@" + line.period();
      whatIf.put(key, line.whatIf());
      current.put(key, line.current());
    }
    assertThat(current).isEqualTo(before);
    assertThat(storedAmounts(dsl, ids)).isEqualTo(before); // nothing stored
    assertThat(whatIf).isEqualTo(realRunWithTheOtherCatalog(file));
    assertThat(whatIf).hasSize(5).doesNotContainValue(new BigDecimal("0.00"));
    WhatIfReport report = new WhatIfReport();
    repriced.forEach(report);
    WhatIfReport.Sums total = report.total().get("CNY");
    assertThat(total.whatIf())
        .isEqualByComparingTo(whatIf.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(total.difference()).isEqualByComparingTo(total.whatIf().subtract(total.current()));
    assertThat(report.byAccount()).containsOnlyKeys(BillingFixture.REQUESTER);
  }

  /** The same world billed for real with the other catalog, in a second database. */
  private static Map<String, BigDecimal> realRunWithTheOtherCatalog(Path catalog) throws Exception {
    TestDatabase second = PostgresExtension.newDatabase();
    Path statements = Files.createTempDirectory("peerbill-what-if-statements");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BillingApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "peerbill.db.url=" + second.jdbcUrl(),
                "peerbill.db.user=" + second.user(),
                "peerbill.billing.statement-dir=" + statements)
            .run()) {
      DSLContext dsl = context.getBean(DSLContext.class);
      BillingFixture fixture = new BillingFixture(dsl);
      fixture.clean();
      List<String> ids = seed(dsl, fixture);
      context.getBean(TariffRepository.class).load(TariffCsv.read(catalog));
      billAll(context.getBean(BillingRun.class), context.getBean(MonthlyBillingRun.class));
      assertThat(context.getBean(BillLineRepository.class).linesOf(DAYS.get(0), null)).hasSize(2);
      return storedAmounts(dsl, ids);
    }
  }
}
