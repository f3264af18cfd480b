package io.peerbill.peering.cli;

import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "vpc",
    mixinStandardHelpOptions = true,
    description = "VPCs of the acting account and their IPv4 CIDR blocks.",
    subcommands = {
      VpcCommand.Create.class,
      VpcCommand.List.class,
      VpcCommand.Show.class,
      VpcCommand.AddCidr.class
    })
public final class VpcCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a VPC with one or more CIDR blocks (and its main route table).")
  static final class Create extends CommandBase {
    @Option(names = "--region", required = true, description = "Region code.")
    String region;

    @Option(names = "--name", required = true, description = "VPC name.")
    String name;

    @Option(
        names = "--cidr",
        required = true,
        paramLabel = "CIDR",
        description = "An IPv4 block, e.g. 10.0.0.0/16; repeat for more.")
    java.util.List<String> cidrs;

    @Override
    void run(Peering peering, Output out) {
      java.util.List<CidrBlock> blocks = cidrs.stream().map(CidrBlock::parse).toList();
      out.record(Views.of(peering.vpcs().create(actor, region, name, blocks)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your VPCs.")
  static final class List extends CommandBase {
    @Override
    void run(Peering peering, Output out) {
      out.table(peering.vpcs().list(actor).stream().map(Views::of).toList());
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a VPC with its route tables.")
  static final class Show extends CommandBase {
    @Parameters(paramLabel = "VPC", description = "VPC id (vpc-...).")
    String vpcId;

    @Override
    void run(Peering peering, Output out) {
      var row = Views.of(peering.vpcs().show(actor, vpcId));
      row.put(
          "route_tables",
          peering.vpcs().routeTables(actor, vpcId).stream()
              .map(t -> t.id() + (t.main() ? " (main)" : " " + t.name()))
              .toList());
      out.record(row);
    }
  }

  @Command(
      name = "add-cidr",
      mixinStandardHelpOptions = true,
      description = "Add a CIDR block to a VPC (checked against its peers, R4/R5).")
  static final class AddCidr extends CommandBase {
    @Parameters(index = "0", paramLabel = "VPC", description = "VPC id (vpc-...).")
    String vpcId;

    @Parameters(
        index = "1",
        paramLabel = "CIDR",
        description = "The CIDR block to add (must not overlap the VPC's others or its peers').")
    String cidr;

    @Override
    void run(Peering peering, Output out) {
      out.record(Views.of(peering.vpcs().addBlock(actor, vpcId, CidrBlock.parse(cidr))));
    }
  }
}
