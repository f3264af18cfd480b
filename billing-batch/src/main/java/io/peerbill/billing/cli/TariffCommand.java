package io.peerbill.billing.cli;

import io.peerbill.billing.tariff.Tariff;
import io.peerbill.billing.tariff.TariffCsv;
import io.peerbill.billing.tariff.TariffRepository;
import io.peerbill.billing.tariff.TariffTier;
import io.peerbill.peering.ChargeMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "tariff",
    mixinStandardHelpOptions = true,
    description = "The tariff catalog: unit prices per Mbps per day by region-pair class (D7).",
    subcommands = {TariffCommand.Load.class, TariffCommand.ListTariffs.class})
public final class TariffCommand {

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Load tariffs from a CSV file (all or nothing); a tariff with the class and effective day"
            + " of a stored one replaces it.",
        "Header: pair_class,effective_from,tier_model,currency,from_mbps,to_mbps,unit_price"
            + "[,charge_mode] (DAILY_PEAK, the default, per Mbps per day; MONTHLY_95TH per month)"
      })
  static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE.csv",
        description = "Tariff CSV file (columns as README \"Tariffs\" shows).")
    Path file;

    @Override
    public Integer call() {
      List<Tariff> tariffs = TariffCsv.read(file);
      try (ConfigurableApplicationContext context = BillingContext.start()) {
        context.getBean(TariffRepository.class).load(tariffs);
      }
      spec.commandLine().getOut().println("loaded " + tariffs.size() + " tariff(s) from " + file);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every tariff.")
  static final class ListTariffs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (ConfigurableApplicationContext context = BillingContext.start()) {
        List<Tariff> tariffs = context.getBean(TariffRepository.class).all();
        if (tariffs.isEmpty()) {
          out.println("no tariffs; load some with 'peerbill tariff load FILE.csv'");
        }
        for (Tariff t : tariffs) {
          out.printf(
              "%s from %s, %s, %s%s%n",
              t.pairClass(),
              t.effectiveFrom(),
              t.tierModel(),
              t.currency(),
              t.chargeMode() == ChargeMode.DAILY_PEAK ? "" : ", MONTHLY_95TH (per Mbps per month)");
          for (TariffTier tier : t.tiers()) {
            out.printf(
                "  %s - %s Mbps: %s%n",
                tier.fromMbps().toPlainString(),
                tier.toMbps() == null ? "" : tier.toMbps().toPlainString(),
                tier.unitPrice().stripTrailingZeros().toPlainString());
          }
        }
      }
      return 0;
    }
  }
}
