package io.peerbill.api.web;

import io.peerbill.peering.Account;
import io.peerbill.peering.CapChange;
import io.peerbill.peering.ChargeModeChange;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.Region;
import io.peerbill.peering.RelatedRoute;
import io.peerbill.peering.Route;
import io.peerbill.peering.RouteTable;
import io.peerbill.peering.Subnet;
import io.peerbill.peering.Transition;
import io.peerbill.peering.Vpc;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the lifecycle model's records look like in JSON (CIDRs as text, times as instants). */
public final class Views {

  private Views() {}

  public record AccountView(String id, String name) {
    public static AccountView of(Account a) {
      return new AccountView(a.id(), a.name());
    }
  }

  public record RegionView(String code, String name, String geoZone) {
    public static RegionView of(Region r) {
      return new RegionView(r.code(), r.name(), r.geoZone());
    }
  }

  public record VpcView(
      String id, String name, String region, String accountId, List<String> cidrs) {
    public static VpcView of(Vpc v) {
      return new VpcView(
          v.id(),
          v.name(),
          v.region(),
          v.accountId(),
          v.blocks().stream().map(String::valueOf).toList());
    }
  }

  public record SubnetView(String id, String vpcId, String name, String cidr, String routeTableId) {
    public static SubnetView of(Subnet s) {
      return new SubnetView(s.id(), s.vpcId(), s.name(), s.cidr().toString(), s.routeTableId());
    }
  }

  public record RouteTableView(String id, String vpcId, String name, boolean main) {
    public static RouteTableView of(RouteTable t) {
      return new RouteTableView(t.id(), t.vpcId(), t.name(), t.main());
    }
  }

  public record RouteView(String routeTableId, String destination, String peeringConnectionId) {
    public static RouteView of(Route r) {
      return new RouteView(r.routeTableId(), r.destination().toString(), r.connectionId());
    }
  }

  public record RelatedRouteView(
      String vpcId, String routeTableId, String destination, List<String> subnets) {
    public static RelatedRouteView of(RelatedRoute r) {
      return new RelatedRouteView(
          r.vpcId(),
          r.routeTableId(),
          r.destination().toString(),
          r.subnets().stream().map(Subnet::id).toList());
    }
  }

  public record End(String accountId, String vpcId, String region) {}

  public record ConnectionView(
      String id,
      String name,
      String state,
      String scope,
      End requester,
      End accepter,
      Integer capMbps,
      Instant createdAt,
      Instant acceptedAt,
      Instant expiresAt,
      Instant endedAt) {
    public static ConnectionView of(Connection c) {
      return new ConnectionView(
          c.id(),
          c.name(),
          c.state().name(),
          c.scope().name(),
          new End(c.requesterAccountId(), c.requesterVpcId(), c.requesterRegion()),
          new End(c.accepterAccountId(), c.accepterVpcId(), c.accepterRegion()),
          c.capMbps(),
          c.createdAt(),
          c.acceptedAt(),
          c.expiresAt(),
          c.endedAt());
    }
  }

  public record TransitionView(String from, String to, String actor, Instant at) {
    public static TransitionView of(Transition t) {
      return new TransitionView(
          t.from() == null ? null : t.from().name(), t.to().name(), t.actor(), t.at());
    }
  }

  public record CapView(int capMbps, Instant effectiveFrom, String actor) {
    public static CapView of(CapChange c) {
      return new CapView(c.capMbps(), c.effectiveFrom(), c.actor());
    }
  }

  /** D13: a charge mode in force from the first instant of a month in the billing zone. */
  public record ChargeModeView(
      String chargeMode,
      LocalDate effectiveMonth,
      Instant effectiveFrom,
      String zone,
      String actor) {
    public static ChargeModeView of(ChargeModeChange c) {
      return new ChargeModeView(
          c.mode().name(), c.effectiveMonth(), c.effectiveFrom(), c.zone(), c.actor());
    }
  }

  /**
   * A connection with its state history (D1), cap history (D3), the charge mode in force now and
   * every charge mode change (D13; none: DAILY_PEAK throughout).
   */
  public record ConnectionDetail(
      ConnectionView connection,
      List<TransitionView> history,
      List<CapView> caps,
      String chargeMode,
      List<ChargeModeView> chargeModes) {}

  static List<CidrBlock> blocks(List<String> cidrs) {
    return cidrs == null ? List.of() : cidrs.stream().map(CidrBlock::parse).toList();
  }
}
