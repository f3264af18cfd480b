package io.peerbill.cli;

import io.peerbill.alerting.cli.AlertPolicyCommand;
import io.peerbill.alerting.cli.AlertsCommand;
import io.peerbill.api.cli.ApiCommand;
import io.peerbill.api.cli.ApiKeyCommand;
import io.peerbill.billing.cli.BillCommand;
import io.peerbill.billing.cli.BillsCommand;
import io.peerbill.billing.cli.TariffCommand;
import io.peerbill.cli.bench.BenchCommand;
import io.peerbill.cli.demo.DemoCommand;
import io.peerbill.metering.cli.StreamCommand;
import io.peerbill.peering.cli.AccountCommand;
import io.peerbill.peering.cli.PeeringCommand;
import io.peerbill.peering.cli.RegionCommand;
import io.peerbill.peering.cli.RouteCommand;
import io.peerbill.peering.cli.SubnetCommand;
import io.peerbill.peering.cli.VpcCommand;
import picocli.CommandLine.Command;

@Command(
    name = "peerbill",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Meter, monitor and bill VPC peering connections.",
    subcommands = {
      DemoCommand.class,
      DbCommand.class,
      AccountCommand.class,
      RegionCommand.class,
      VpcCommand.class,
      SubnetCommand.class,
      RouteCommand.class,
      PeeringCommand.class,
      StreamCommand.class,
      GenSamplesCommand.class,
      BillCommand.class,
      BillsCommand.class,
      TariffCommand.class,
      AlertPolicyCommand.class,
      AlertsCommand.class,
      BenchCommand.class,
      ApiCommand.class,
      ApiKeyCommand.class
    },
    footer = {
      "%nThe database is PEERBILL_DB_URL (with PEERBILL_DB_USER, PEERBILL_DB_PASSWORD) or, when"
          + " nothing is configured, an embedded PostgreSQL kept in ~/.peerbill (PEERBILL_HOME)."
    })
final class PeerbillCommand {}
