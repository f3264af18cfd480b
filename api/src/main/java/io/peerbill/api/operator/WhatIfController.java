package io.peerbill.api.operator;

import io.peerbill.api.error.ApiException;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.whatif.TariffCatalog;
import io.peerbill.billing.whatif.WhatIfReport;
import io.peerbill.billing.whatif.WhatIfRepricer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator: what-if re-pricing (D14), {@code peerbill bill what-if} over HTTP: the stored lines of
 * [from, to] (and the month lines of every month wholly inside it) re-rated by {@link
 * WhatIfRepricer} under the tariff catalog posted as CSV ({@code tariff load}'s format), summed by
 * the CLI's {@link WhatIfReport}. Stores nothing.
 */
@RestController
public class WhatIfController {

  static final int MAX_DAYS = 366;

  private final WhatIfRepricer repricer;

  public WhatIfController(WhatIfRepricer repricer) {
    this.repricer = repricer;
  }

  /** Current amount, what-if amount and difference of a group of lines, as exact decimals. */
  public record Sums(
      String currency, int lines, String current, String whatIf, String difference, int failed) {
    static Sums of(String currency, WhatIfReport.Sums s) {
      return new Sums(
          currency,
          s.lines(),
          s.current().toPlainString(),
          s.whatIf().toPlainString(),
          s.difference().toPlainString(),
          s.failed());
    }
  }

  public record ConnectionSums(String connectionId, Sums sums) {}

  public record AccountSums(
      String accountId, String currency, List<ConnectionSums> connections, Sums total) {}

  /**
   * Per account and currency its connections and total, then the totals per currency; {@code
   * failed} counts lines the posted catalog cannot price (no tariff or tier: 0.00 there).
   */
  public record WhatIf(
      LocalDate from,
      LocalDate to,
      String accountId,
      List<AccountSums> accounts,
      List<Sums> totals,
      boolean stored) {}

  @PostMapping(value = "/v1/operator/what-if", consumes = "text/csv")
  public WhatIf whatIf(
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String account,
      @RequestBody String csv) {
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ApiException.invalid("from..to must be 1 to " + MAX_DAYS + " days");
    }
    TariffCatalog catalog = new TariffCatalog(TariffCsv.parse(csv));
    WhatIfReport report = new WhatIfReport();
    repricer.reprice(catalog, from, to, account, report);
    List<AccountSums> accounts = new ArrayList<>();
    report
        .byConnection()
        .forEach(
            (accountId, currencies) ->
                currencies.forEach(
                    (currency, connections) -> {
                      List<ConnectionSums> rows = new ArrayList<>();
                      connections.forEach(
                          (connection, s) ->
                              rows.add(new ConnectionSums(connection, Sums.of(currency, s))));
                      accounts.add(
                          new AccountSums(
                              accountId,
                              currency,
                              rows,
                              Sums.of(currency, report.byAccount().get(accountId).get(currency))));
                    }));
    List<Sums> totals = new ArrayList<>();
    report.total().forEach((currency, s) -> totals.add(Sums.of(currency, s)));
    return new WhatIf(from, to, account, accounts, totals, false);
  }
}
