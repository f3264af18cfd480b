package io.peerbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.api.Http.Response;
import io.peerbill.billing.line.BillLine;
import io.peerbill.billing.line.BillLineRepository;
import io.peerbill.billing.line.LineStatus;
import io.peerbill.billing.month.MonthLine;
import io.peerbill.billing.month.MonthLineRepository;
import io.peerbill.billing.month.MonthLineStatus;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.whatif.TariffCatalog;
import io.peerbill.billing.whatif.WhatIfReport;
import io.peerbill.billing.whatif.WhatIfRepricer;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Charge modes (D13) over HTTP through the service the CLI's {@code peering set-charge-mode} runs;
 * month lines read by the paying account; what-if re-pricing (D14) as an operator route that
 * answers the report {@code bill what-if} prints.
 */
class ChargeModeAndMonthsOverHttpTest extends ApiTestBase {

  static final ZoneId BILLING_ZONE = ZoneId.of("Asia/Shanghai");

  @Autowired BillLineRepository dayLines;
  @Autowired MonthLineRepository monthLines;
  @Autowired WhatIfRepricer repricer;

  Http http;
  Party acme;
  Party globex;
  Party stranger;
  String guangzhou;
  String singapore;

  @BeforeEach
  void world() {
    http = http();
    acme = party("acme");
    globex = party("globex");
    stranger = party("stranger");
    guangzhou = region("cn-mainland");
    singapore = region("overseas");
  }

  @Test
  void theRequesterSetsTheChargeModeFromNextMonthAndShowSaysWhichIsInForce_D13() {
    Connection pcx = crossAccount();
    String url = "/v1/peering-connections/" + pcx.id();
    String monthly = "{\"charge_mode\":\"MONTHLY_95TH\"}";

    assertRefused(
        http.put(url + "/charge-mode", globex.key(), monthly), 403, "NOT_AUTHORIZED", "D2");
    assertRefused(
        http.put(url + "/charge-mode", stranger.key(), monthly), 404, "CONNECTION_NOT_FOUND", "D2");
    Response none = http.put(url + "/charge-mode", acme.key(), "{}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.code()).isEqualTo("INVALID_INPUT");
    Response set = http.put(url + "/charge-mode", acme.key(), monthly);
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    LocalDate next = YearMonth.now(BILLING_ZONE).plusMonths(1).atDay(1);
    assertThat(set.json().get("charge_mode").asString()).isEqualTo("MONTHLY_95TH");
    assertThat(set.json().get("effective_month").asString()).isEqualTo(next.toString());
    assertThat(set.json().get("zone").asString()).isEqualTo("Asia/Shanghai");
    assertThat(set.json().get("effective_from").asString())
        .isEqualTo(next.atStartOfDay(BILLING_ZONE).toInstant().toString());

    JsonNode shown = http.get(url, globex.key()).json();
    assertThat(shown.get("charge_mode").asString()).isEqualTo("DAILY_PEAK"); // until next month
    assertThat(shown.get("charge_modes").size()).isEqualTo(1);
    assertThat(shown.get("charge_modes").get(0).get("charge_mode").asString())
        .isEqualTo("MONTHLY_95TH");
    assertThat(shown.get("charge_modes").get(0).get("actor").asString()).isEqualTo(acme.id());

    String ownA = vpcOverHttp(acme, guangzhou, "10.30.0.0/16");
    String ownB = vpcOverHttp(acme, guangzhou, "10.31.0.0/16");
    Response same =
        http.post(
            "/v1/peering-connections",
            acme.key(),
            "{\"vpc_id\":\"" + ownA + "\",\"peer_vpc_id\":\"" + ownB + "\"}");
    assertRefused(
        http.put(
            "/v1/peering-connections/" + same.json().get("id").asString() + "/charge-mode",
            acme.key(),
            monthly),
        409,
        "CHARGE_MODE_NOT_ALLOWED",
        "D13");
  }

  @Test
  void aConnectionCreatedMonthlyIsMonthlyFromItsFirstMonth_D13() {
    String mine = vpcOverHttp(acme, guangzhou, "10.1.0.0/16");
    String theirs = vpcOverHttp(globex, singapore, "10.2.0.0/16");
    Response created =
        http.post(
            "/v1/peering-connections",
            acme.key(),
            "{\"name\":\"m\",\"vpc_id\":\""
                + mine
                + "\",\"peer_account_id\":\""
                + globex.id()
                + "\",\"peer_vpc_id\":\""
                + theirs
                + "\",\"cap_mbps\":100,\"charge_mode\":\"MONTHLY_95TH\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode shown =
        http.get("/v1/peering-connections/" + created.json().get("id").asString(), acme.key())
            .json();
    assertThat(shown.get("charge_mode").asString()).isEqualTo("MONTHLY_95TH");
    assertThat(shown.get("charge_modes").get(0).get("effective_month").asString())
        .isEqualTo(YearMonth.now(BILLING_ZONE).atDay(1).toString());
  }

  @Test
  void monthLinesAreReadByThePayingAccountOnly_D8_D13() {
    Connection pcx = crossAccount();
    LocalDate month = LocalDate.of(2019, 5, 1);
    monthLines.save(month, List.of(monthLine(pcx, month, "3000.00")));

    JsonNode page = http.get("/v1/monthly-bills?month=2019-05", acme.key()).json();
    assertThat(page.get("total").asInt()).isEqualTo(1);
    JsonNode line = page.get("items").get(0);
    assertThat(line.get("connection_id").asString()).isEqualTo(pcx.id());
    assertThat(line.get("month").asString()).isEqualTo("2019-05");
    assertThat(line.get("amount").asString()).isEqualTo("3000.00");
    assertThat(line.get("p95_mbps").asString()).isEqualTo("75.000000");
    assertThat(line.get("active_days").asInt()).isEqualTo(31);
    assertThat(line.get("revisions").size()).isZero();
    assertThat(
            http.get("/v1/monthly-bills?month=2019-05", globex.key()).json().get("total").asInt())
        .as("the accepter does not pay (D8)")
        .isZero();
    assertThat(http.get("/v1/monthly-bills?month=2019-5", acme.key()).code())
        .isEqualTo("INVALID_INPUT");
  }

  @Test
  void whatIfOverHttpIsTheReportOfTheCliAndStoresNothing_D14() {
    Connection pcx = crossAccount();
    LocalDate day = LocalDate.of(2019, 6, 15);
    LocalDate month = LocalDate.of(2019, 6, 1);
    // 912 Mbps billed at 1.54 (the first tier): 1404.48; D7's volume model prices it at 1.50.
    dayLines.save(List.of(dayLine(pcx, day, "912.00", "1404.48")), null);
    monthLines.save(month, List.of(monthLine(pcx, month, "3000.00")));
    String tariffs =
        "pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price,charge_mode\n"
            + "cn-mainland:overseas,2019-01-01,VOLUME,CNY,0,500,1.54,DAILY_PEAK\n"
            + "cn-mainland:overseas,2019-01-01,VOLUME,CNY,500,,1.50,DAILY_PEAK\n"
            + "cn-mainland:overseas,2019-01-01,VOLUME,CNY,0,,50.00,MONTHLY_95TH\n";
    String path = "/v1/operator/what-if?from=2019-06-01&to=2019-06-30&account=" + acme.id();

    Response answered = http.send("POST", path, operatorKey(), "text/csv", tariffs);

    assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    JsonNode report = answered.json();
    assertThat(report.get("stored").asBoolean()).isFalse();
    JsonNode account = report.get("accounts").get(0);
    assertThat(account.get("account_id").asString()).isEqualTo(acme.id());
    JsonNode sums = account.get("connections").get(0).get("sums");
    // Day: 1404.48 -> 1368.00; month: 75 Mbps x 50.00 x 31/31 = 3750.00 (was 3000.00).
    assertThat(sums.get("lines").asInt()).isEqualTo(2);
    assertThat(sums.get("current").asString()).isEqualTo("4404.48");
    assertThat(sums.get("what_if").asString()).isEqualTo("5118.00");
    assertThat(sums.get("difference").asString()).isEqualTo("713.52");
    assertThat(csvOf(report)).isEqualTo(cliCsv(tariffs, acme.id()));
    assertThat(dayLines.linesOf(day, acme.id()).get(0).amount()).isEqualByComparingTo("1404.48");

    Response asAccount = http.send("POST", path, acme.key(), "text/csv", tariffs);
    assertThat(asAccount.status()).isEqualTo(403);
    Response bad = http.send("POST", path, operatorKey(), "text/csv", "pair_class\n");
    assertThat(bad.code()).isEqualTo("INVALID_TARIFF_FILE");
  }

  /** The report as {@code bill what-if --csv} prints it, from the JSON. */
  private static String csvOf(JsonNode report) {
    List<String> rows = new ArrayList<>();
    rows.add("account_id,connection_id,currency,lines,current,what_if,difference");
    for (JsonNode account : report.get("accounts")) {
      for (JsonNode c : account.get("connections")) {
        rows.add(
            row(
                account.get("account_id").asString(),
                c.get("connection_id").asString(),
                c.get("sums")));
      }
      rows.add(row(account.get("account_id").asString(), "", account.get("total")));
    }
    for (JsonNode total : report.get("totals")) {
      rows.add(row("", "", total));
    }
    return String.join("\n", rows) + "\n";
  }

  private static String row(String account, String connection, JsonNode s) {
    return String.join(
        ",",
        account,
        connection,
        s.get("currency").asString(),
        s.get("lines").asString(),
        s.get("current").asString(),
        s.get("what_if").asString(),
        s.get("difference").asString());
  }

  /** What {@code bill what-if --account A --csv} prints for the same catalog and range. */
  private String cliCsv(String tariffs, String account) {
    WhatIfReport report = new WhatIfReport();
    repricer.reprice(
        new TariffCatalog(TariffCsv.parse(tariffs)),
        LocalDate.of(2019, 6, 1),
        LocalDate.of(2019, 6, 30),
        account,
        report);
    StringWriter out = new StringWriter();
    try (PrintWriter writer = new PrintWriter(out)) {
      report.printCsv(writer);
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  private static BillLine dayLine(Connection c, LocalDate day, String billed, String amount) {
    return new BillLine(
        c.id(),
        day,
        "Asia/Shanghai",
        c.requesterAccountId(),
        "cn-mainland:overseas",
        LineStatus.BILLED,
        new BigDecimal(billed),
        1000,
        new BigDecimal(billed),
        null,
        new BigDecimal(amount),
        "CNY",
        288,
        288,
        null);
  }

  private static MonthLine monthLine(Connection c, LocalDate month, String amount) {
    return new MonthLine(
        c.id(),
        month,
        "Asia/Shanghai",
        c.requesterAccountId(),
        "cn-mainland:overseas",
        MonthLineStatus.BILLED,
        new BigDecimal("75.000000"),
        1000,
        new BigDecimal("75.00"),
        null,
        new BigDecimal(amount),
        "CNY",
        8928,
        446,
        month.atStartOfDay(BILLING_ZONE).toInstant(),
        31,
        31,
        null);
  }

  /** An ACTIVE cross-region connection acme requested (and pays for), accepted by globex. */
  private Connection crossAccount() {
    var mine =
        peering.vpcs().create(acme.id(), guangzhou, "a", List.of(CidrBlock.parse("10.1.0.0/16")));
    var theirs =
        peering.vpcs().create(globex.id(), singapore, "g", List.of(CidrBlock.parse("10.2.0.0/16")));
    Connection c =
        peering
            .connections()
            .create(
                acme.id(),
                new ConnectionRequest("x", mine.id(), theirs.id(), globex.id(), singapore, 1000));
    return peering.connections().accept(globex.id(), c.id());
  }
}
