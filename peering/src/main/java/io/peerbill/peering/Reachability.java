package io.peerbill.peering;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * Whether a subnet reaches an address through peering: only over an ACTIVE connection directly
 * between the two VPCs (R1, R7), with the most specific matching route on the sending side pointing
 * at it and the return route on the other side pointing back (R2).
 */
public final class Reachability {

  /** The answer with the reason, e.g. which route is missing. */
  public record Verdict(boolean reachable, String reason) {}

  private final DSLContext sql;

  public Reachability(DSLContext sql) {
    this.sql = sql;
  }

  public boolean canReach(String actor, String sourceSubnetId, int destination) {
    return explain(actor, sourceSubnetId, destination).reachable();
  }

  public Verdict explain(String actor, String sourceSubnetId, int destination) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          Subnet source = store.guard.ownSubnet(store.guard.actor(actor), sourceSubnetId);
          return explain(store, source, destination);
        });
  }

  private static Verdict explain(Store store, Subnet source, int destination) {
    String ip = Ipv4.format(destination);
    Vpc local = store.vpcs.find(source.vpcId()).orElseThrow();
    if (local.containsAddress(destination)) {
      return new Verdict(true, ip + " is inside " + local.id() + " itself");
    }
    Optional<Route> out =
        mostSpecific(store.network.routesOf(source.routeTableId()), d -> d.contains(destination));
    if (out.isEmpty()) {
      return no("route table %s has no route to %s", source.routeTableId(), ip);
    }
    Connection c = store.connections.find(out.get().connectionId()).orElseThrow();
    if (c.state() != ConnectionState.ACTIVE) {
      return no("the route to %s goes through %s, which is %s", ip, c.id(), c.state());
    }
    Vpc peer = store.vpcs.find(c.otherEnd(local.id())).orElseThrow();
    if (!peer.containsAddress(destination)) {
      return no("%s is not in %s at the other end of %s", ip, peer.id(), c.id());
    }
    Optional<Subnet> target =
        store.network.subnetsOf(peer.id()).stream()
            .filter(s -> s.cidr().contains(destination))
            .findFirst();
    if (target.isEmpty()) {
      return no("no subnet of %s holds %s", peer.id(), ip);
    }
    Optional<Route> back =
        mostSpecific(
            store.network.routesOf(target.get().routeTableId()), d -> d.contains(source.cidr()));
    // Another account's subnets and route tables are its own business (D2): named only when
    // the peer VPC is the asker's too.
    boolean ownPeer = peer.accountId().equals(local.accountId());
    String returnTable =
        ownPeer
            ? "route table " + target.get().routeTableId() + " of " + target.get().id()
            : "the peer's route table for " + ip;
    if (back.isEmpty() || !back.get().connectionId().equals(c.id())) {
      return no("%s has no return route to %s through %s", returnTable, source.cidr(), c.id());
    }
    return new Verdict(
        true,
        String.format(
            "%s -> %s via %s (%s), return route in %s",
            source.id(),
            ip,
            c.id(),
            out.get().destination(),
            ownPeer ? target.get().routeTableId() : "the peer's route table"));
  }

  private static Optional<Route> mostSpecific(List<Route> routes, Predicate<CidrBlock> matches) {
    return routes.stream()
        .filter(r -> matches.test(r.destination()))
        .max(Comparator.comparingInt(r -> r.destination().prefix()));
  }

  private static Verdict no(String format, Object... args) {
    return new Verdict(false, String.format(format, args));
  }
}
