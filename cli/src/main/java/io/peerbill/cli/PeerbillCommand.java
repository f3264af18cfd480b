package io.peerbill.cli;

import io.peerbill.metering.cli.BenchCommand;
import io.peerbill.metering.cli.GenSamplesCommand;
import io.peerbill.metering.cli.StreamCommand;
import picocli.CommandLine.Command;

@Command(
    name = "peerbill",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Meter, monitor and bill VPC peering connections.",
    subcommands = {
      DbCommand.class,
      StreamCommand.class,
      GenSamplesCommand.class,
      BenchCommand.class
    },
    footer = {
      "%nThe database is PEERBILL_DB_URL (with PEERBILL_DB_USER, PEERBILL_DB_PASSWORD) or, when"
          + " nothing is configured, an embedded PostgreSQL kept in ~/.peerbill (PEERBILL_HOME)."
    })
final class PeerbillCommand {}
