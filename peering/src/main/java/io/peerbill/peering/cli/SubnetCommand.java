package io.peerbill.peering.cli;

import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "subnet",
    mixinStandardHelpOptions = true,
    description = "Subnets: blocks inside a VPC, each associated with a route table.",
    subcommands = {SubnetCommand.Create.class, SubnetCommand.List.class})
public final class SubnetCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a subnet.")
  static final class Create extends CommandBase {
    @Option(names = "--vpc", required = true, description = "VPC id (vpc-...).")
    String vpcId;

    @Option(names = "--name", required = true, description = "Name of the subnet.")
    String name;

    @Option(names = "--cidr", required = true, description = "Inside one of the VPC's blocks.")
    String cidr;

    @Option(
        names = "--route-table",
        paramLabel = "RTB",
        description = "Route table to associate (default: the VPC's main one).")
    String routeTable;

    @Override
    void run(Peering peering, Output out) {
      out.record(
          Views.of(
              peering.vpcs().createSubnet(actor, vpcId, name, CidrBlock.parse(cidr), routeTable)));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a VPC's subnets.")
  static final class List extends CommandBase {
    @Option(names = "--vpc", required = true, description = "VPC id (vpc-...).")
    String vpcId;

    @Override
    void run(Peering peering, Output out) {
      out.table(peering.vpcs().subnets(actor, vpcId).stream().map(Views::of).toList());
    }
  }
}
