package io.peerbill.peering.cli;

import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = "Route tables and routes through peering connections (R2).",
    subcommands = {
      RouteCommand.Add.class,
      RouteCommand.Remove.class,
      RouteCommand.List.class,
      RouteCommand.CreateTable.class,
      RouteCommand.Tables.class
    })
public final class RouteCommand {

  /** The route a command acts on: its table and destination. */
  static final class RouteKey {
    @Option(
        names = "--table",
        required = true,
        paramLabel = "RTB",
        description = "Route table id (rtb-...).")
    String table;

    @Option(
        names = "--destination",
        required = true,
        paramLabel = "CIDR",
        description = "Destination CIDR block of the route.")
    String destination;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Route a destination in the peer VPC through a peering connection.")
  static final class Add extends CommandBase {
    @Mixin RouteKey route;

    @Option(names = "--peering", required = true, paramLabel = "PCX", description = "Next hop.")
    String peering;

    @Override
    void run(Peering p, Output out) {
      out.record(
          Views.of(
              p.routes().add(actor, route.table, CidrBlock.parse(route.destination), peering)));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a route.")
  static final class Remove extends CommandBase {
    @Mixin RouteKey route;

    @Override
    void run(Peering p, Output out) {
      p.routes().remove(actor, route.table, CidrBlock.parse(route.destination));
      out.message("removed the route to " + route.destination + " from " + route.table);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a table's routes.")
  static final class List extends CommandBase {
    @Option(
        names = "--table",
        required = true,
        paramLabel = "RTB",
        description = "Route table id (rtb-...).")
    String table;

    @Override
    void run(Peering p, Output out) {
      out.table(p.routes().list(actor, table).stream().map(Views::of).toList());
    }
  }

  @Command(
      name = "create-table",
      mixinStandardHelpOptions = true,
      description = "Create a route table in a VPC.")
  static final class CreateTable extends CommandBase {
    @Option(names = "--vpc", required = true, description = "VPC id (vpc-...).")
    String vpcId;

    @Option(names = "--name", required = true, description = "Name of the route table.")
    String name;

    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.vpcs().createRouteTable(actor, vpcId, name)));
    }
  }

  @Command(name = "tables", mixinStandardHelpOptions = true, description = "List a VPC's tables.")
  static final class Tables extends CommandBase {
    @Option(names = "--vpc", required = true, description = "VPC id (vpc-...).")
    String vpcId;

    @Override
    void run(Peering p, Output out) {
      out.table(p.vpcs().routeTables(actor, vpcId).stream().map(Views::of).toList());
    }
  }
}
