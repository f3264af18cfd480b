package io.peerbill.peering.cli;

import io.peerbill.peering.ChargeMode;
import io.peerbill.peering.ChargeModeChange;
import io.peerbill.peering.ChargeModes;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Ipv4;
import io.peerbill.peering.Peering;
import io.peerbill.peering.Reachability;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "peering",
    mixinStandardHelpOptions = true,
    description =
        "Peering connections: request, accept, reject, delete, caps, routes, reachability.",
    subcommands = {
      PeeringCommand.Create.class,
      PeeringCommand.Accept.class,
      PeeringCommand.Reject.class,
      PeeringCommand.Withdraw.class,
      PeeringCommand.Delete.class,
      PeeringCommand.SetCap.class,
      PeeringCommand.SetChargeMode.class,
      PeeringCommand.List.class,
      PeeringCommand.Show.class,
      PeeringCommand.Routes.class,
      PeeringCommand.CanReach.class,
      PeeringCommand.Active.class,
      PeeringCommand.Expire.class
    })
public final class PeeringCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Request a connection from your VPC to a peer VPC (R10).",
        "Same account: active at once. Other account: pending until the peer accepts, 7 days."
      })
  static final class Create extends CommandBase {
    @Option(names = "--name", required = true, description = "Name of the peering connection.")
    String name;

    @Option(names = "--vpc", required = true, description = "Your VPC (the requester end).")
    String vpc;

    @Option(
        names = "--peer-vpc",
        required = true,
        description = "The VPC to peer with (the accepter end).")
    String peerVpc;

    @Option(names = "--peer-account", description = "The peer's account id (cross-account).")
    String peerAccount;

    @Option(names = "--peer-region", description = "Checked against the peer VPC's region.")
    String peerRegion;

    @Option(
        names = "--bandwidth",
        paramLabel = "MBPS",
        description = "Bandwidth cap: required cross-region (1..5000), none same-region.")
    Integer bandwidth;

    @Option(
        names = "--charge-mode",
        defaultValue = "DAILY_PEAK",
        description = "DAILY_PEAK (default) or MONTHLY_95TH, from the month of creation (D13).")
    ChargeMode chargeMode;

    @Option(names = "--billing-zone", defaultValue = BILLING_ZONE, description = ZONE_HELP)
    ZoneId zone;

    @Override
    void run(Peering p, Output out) {
      ConnectionRequest request =
          new ConnectionRequest(name, vpc, peerVpc, peerAccount, peerRegion, bandwidth);
      out.record(Views.of(p.connections().create(actor, request, chargeMode, zone)));
    }
  }

  static final String BILLING_ZONE = "Asia/Shanghai";
  static final String ZONE_HELP = "The zone of the billing months (default Asia/Shanghai).";

  /** Commands that name one connection. */
  abstract static class OnConnection extends CommandBase {
    @Parameters(paramLabel = "PCX", description = "Peering connection id.")
    String connection;
  }

  @Command(name = "accept", mixinStandardHelpOptions = true, description = "Accept a request.")
  static final class Accept extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.connections().accept(actor, connection)));
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a request.")
  static final class Reject extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.connections().reject(actor, connection)));
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = "Withdraw your pending request.")
  static final class Withdraw extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.connections().withdraw(actor, connection)));
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an active connection from either end; traffic stops at once (R7).")
  static final class Delete extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.connections().delete(actor, connection)));
    }
  }

  @Command(
      name = "set-cap",
      mixinStandardHelpOptions = true,
      description = "Change a cross-region connection's bandwidth cap from now on (R16).")
  static final class SetCap extends OnConnection {
    @Parameters(
        index = "1",
        paramLabel = "MBPS",
        description = "New bandwidth cap in Mbps (cross-region only; D3).")
    int mbps;

    @Override
    void run(Peering p, Output out) {
      out.record(Views.of(p.connections().setCap(actor, connection, mbps)));
    }
  }

  @Command(
      name = "set-charge-mode",
      mixinStandardHelpOptions = true,
      description =
          "Change a cross-region connection's charge mode from the next calendar month on (D13).")
  static final class SetChargeMode extends OnConnection {
    @Parameters(index = "1", paramLabel = "MODE", description = "DAILY_PEAK or MONTHLY_95TH.")
    ChargeMode mode;

    @Option(names = "--billing-zone", defaultValue = BILLING_ZONE, description = ZONE_HELP)
    ZoneId zone;

    @Override
    void run(Peering p, Output out) {
      ChargeModeChange change = p.chargeModes().set(actor, connection, mode, zone);
      out.record(
          Views.row(
              "peering",
              connection,
              "charge_mode",
              change.mode().name(),
              "effective_from",
              change.effectiveMonth() + " (" + change.zone() + ")"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your connections.")
  static final class List extends CommandBase {
    @Override
    void run(Peering p, Output out) {
      out.table(p.connections().list(actor).stream().map(Views::line).toList());
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Show a connection with its state history (D1), caps (R16) and charge modes (D13).")
  static final class Show extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      var row = Views.of(p.connections().show(actor, connection));
      row.put(
          "history",
          p.connections().history(actor, connection).stream()
              .map(
                  t ->
                      t.at()
                          + " "
                          + (t.from() == null ? "" : t.from() + "->")
                          + t.to()
                          + " by "
                          + t.actor())
              .toList());
      row.put(
          "caps",
          p.connections().capHistory(actor, connection).stream()
              .map(c -> c.capMbps() + " Mbps from " + c.effectiveFrom())
              .toList());
      var modes = p.chargeModes().history(actor, connection);
      row.put("charge_mode", ChargeModes.inForce(modes, Instant.now()).name());
      row.put("charge_modes", modes.stream().map(ChargeModeChange::toString).toList());
      out.record(row);
    }
  }

  @Command(
      name = "routes",
      mixinStandardHelpOptions = true,
      description =
          "Related routes: your routes through the connection, their tables and subnets (R13).")
  static final class Routes extends OnConnection {
    @Override
    void run(Peering p, Output out) {
      out.table(p.routes().related(actor, connection).stream().map(Views::of).toList());
    }
  }

  @Command(
      name = "can-reach",
      mixinStandardHelpOptions = true,
      description = "Whether your subnet reaches an address through peering (R1, R2, R7).")
  static final class CanReach extends CommandBase {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "SUBNET",
        description = "The subnet the traffic leaves from.")
    String subnet;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "IP",
        description = "The address to reach, an IPv4 address.")
    String address;

    @Override
    void run(Peering p, Output out) {
      Reachability.Verdict v = p.reachability().explain(actor, subnet, Ipv4.parse(address));
      out.record(Views.row("reachable", v.reachable() ? "yes" : "no", "why", v.reason()));
    }
  }

  @Command(
      name = "active",
      mixinStandardHelpOptions = true,
      description = "A connection's ACTIVE intervals within [--from, --to) (what billing uses).")
  static final class Active extends OnConnection {
    @Option(
        names = "--from",
        required = true,
        description = "ISO instant, e.g. 2026-11-25T16:00:00Z")
    Instant from;

    @Option(
        names = "--to",
        required = true,
        description = "End of the span, ISO instant (exclusive).")
    Instant to;

    @Override
    void run(Peering p, Output out) {
      p.connections().show(actor, connection);
      out.table(
          p.activeIntervals().of(connection, from, to).stream()
              .map(
                  i ->
                      Views.row("active_from", i.from().toString(), "active_to", i.to().toString()))
              .toList());
    }
  }

  @Command(
      name = "expire",
      mixinStandardHelpOptions = true,
      description =
          "Expire pending requests past their 7 days (R6); the nightly job runs this too.")
  static final class Expire extends CommandBase {
    @Override
    void run(Peering p, Output out) {
      out.message("expired " + p.expirySweep().expireDue() + " pending request(s)");
    }
  }
}
