package io.peerbill.peering.cli;

import io.peerbill.peering.Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "region",
    mixinStandardHelpOptions = true,
    description = "Regions and the geo zones the price catalog classifies them by.",
    subcommands = {RegionCommand.Add.class, RegionCommand.List.class})
public final class RegionCommand {

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a region.")
  static final class Add extends CommandBase {
    @Parameters(paramLabel = "CODE", description = "Region code, e.g. ap-guangzhou.")
    String code;

    @Option(names = "--name", description = "Display name (default: the code).")
    String name;

    @Option(
        names = "--geo-zone",
        required = true,
        description = "Geo zone, e.g. cn-mainland or overseas.")
    String geoZone;

    @Override
    void run(Peering peering, Output out) {
      out.record(Views.of(peering.directory().registerRegion(code, name, geoZone)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List regions.")
  static final class List extends CommandBase {
    @Override
    void run(Peering peering, Output out) {
      out.table(peering.directory().regions().stream().map(Views::of).toList());
    }
  }
}
