package io.peerbill.cli;

import io.peerbill.billing.cli.BillCommand;
import io.peerbill.billing.cli.BillsCommand;
import io.peerbill.billing.cli.TariffCommand;
import picocli.CommandLine.Command;

@Command(
    name = "peerbill",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Meter, monitor and bill VPC peering connections.",
    subcommands = {DbCommand.class, BillCommand.class, TariffCommand.class, BillsCommand.class},
    footer = {
      "%nThe database is PEERBILL_DB_URL (with PEERBILL_DB_USER, PEERBILL_DB_PASSWORD) or, when"
          + " nothing is configured, an embedded PostgreSQL kept in ~/.peerbill (PEERBILL_HOME)."
    })
final class PeerbillCommand {}
