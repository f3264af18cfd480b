package io.peerbill.billing.cli;

import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.whatif.TariffCatalog;
import io.peerbill.billing.whatif.WhatIfReport;
import io.peerbill.billing.whatif.WhatIfRepricer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
      "Re-rate the stored lines of [--from, --to] under another tariff file (D14): the days'"
          + " lines, and the month lines of every month wholly inside the range.",
      "Prints per account and connection the current amount, the what-if amount and the"
          + " difference, and the totals. Stores nothing."
    })
public final class WhatIfCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--tariffs",
      required = true,
      paramLabel = "FILE.csv",
      description = "The other tariff catalog, a CSV file as `tariff load` takes.")
  Path tariffs;

  @Option(names = "--from", required = true, description = "First day of the range.")
  LocalDate from;

  @Option(names = "--to", required = true, description = "Last day of the range (inclusive).")
  LocalDate to;

  @Option(names = "--account", description = "Only the lines this account pays.")
  String account;

  @Option(
      names = "--all-accounts",
      description = "Every account's lines (an operator's view); --account or this is required.")
  boolean allAccounts;

  @Option(names = "--csv", description = "Print CSV (one row per connection, account, total).")
  boolean csv;

  @Override
  public Integer call() {
    AccountScope.require(spec, account, allAccounts);
    if (to.isBefore(from)) {
      throw new ParameterException(spec.commandLine(), "--to is before --from");
    }
    TariffCatalog catalog = new TariffCatalog(TariffCsv.read(tariffs));
    PrintWriter out = spec.commandLine().getOut();
    WhatIfReport report = new WhatIfReport();
    try (ConfigurableApplicationContext context = BillingContext.start()) {
      context.getBean(WhatIfRepricer.class).reprice(catalog, from, to, account, report);
    }
    if (csv) {
      report.printCsv(out);
    } else {
      report.printTable(out);
    }
    return 0;
  }
}
