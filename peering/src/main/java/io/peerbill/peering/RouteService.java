package io.peerbill.peering;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** Routes through peering connections, and the routes related to a connection (R2, R13). */
public final class RouteService {

  private final DSLContext sql;
  private final Clock clock;

  public RouteService(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * Adds a route in a route table of either end: traffic to {@code destination}, which must lie in
   * the peer VPC's blocks, goes through the live connection.
   */
  public Route add(String actor, String routeTableId, CidrBlock destination, String connectionId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          RouteTable table = store.guard.ownRouteTable(actor, routeTableId);
          Connection seen =
              store
                  .connections
                  .find(connectionId)
                  .filter(c -> c.involvesAccount(actor))
                  .orElseThrow(() -> PeeringService.notFound(actor, connectionId));
          // Serializes with a delete of the connection, which takes the same locks.
          store.vpcs.lock(Set.of(seen.requesterVpcId(), seen.accepterVpcId()));
          Connection c = store.connections.find(connectionId).orElseThrow();
          if (!c.joins(table.vpcId())) {
            throw PeeringException.of(
                ErrorCode.ROUTE_OUTSIDE_PEER,
                "%s joins %s and %s, not %s of route table %s",
                c.id(),
                c.requesterVpcId(),
                c.accepterVpcId(),
                table.vpcId(),
                table.id());
          }
          if (!c.state().isLive()) {
            throw PeeringException.of(
                ErrorCode.CONNECTION_NOT_LIVE,
                "%s is %s; routes need a pending or active connection",
                c.id(),
                c.state());
          }
          Vpc peer = store.vpcs.find(c.otherEnd(table.vpcId())).orElseThrow();
          if (!peer.containsBlock(destination)) {
            throw PeeringException.of(
                ErrorCode.ROUTE_OUTSIDE_PEER,
                "destination %s lies outside the peer %s's blocks %s",
                destination,
                peer.id(),
                peer.blocks());
          }
          if (!store.network.insert(table.id(), destination, c.id(), DbTime.now(clock))) {
            throw PeeringException.of(
                ErrorCode.ROUTE_EXISTS,
                "route table %s already has a route to %s",
                table.id(),
                destination);
          }
          return store.network.routesOf(table.id()).stream()
              .filter(r -> r.destination().equals(destination))
              .findFirst()
              .orElseThrow();
        });
  }

  public void remove(String actor, String routeTableId, CidrBlock destination) {
    Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          RouteTable table = store.guard.ownRouteTable(store.guard.actor(actor), routeTableId);
          if (!store.network.deleteRoute(table.id(), destination)) {
            throw PeeringException.of(
                ErrorCode.ROUTE_NOT_FOUND,
                "route table %s has no route to %s",
                table.id(),
                destination);
          }
          return null;
        });
  }

  public List<Route> list(String actor, String routeTableId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.ownRouteTable(store.guard.actor(actor), routeTableId);
          return store.network.routesOf(routeTableId);
        });
  }

  /**
   * The routes whose next hop is the connection, in the acting account's route tables: their
   * destinations, route tables and the subnets associated with those tables (R13).
   */
  public List<RelatedRoute> related(String actor, String connectionId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          store
              .connections
              .find(connectionId)
              .filter(c -> c.involvesAccount(actor))
              .orElseThrow(() -> PeeringService.notFound(actor, connectionId));
          List<RelatedRoute> related = new ArrayList<>();
          for (Route route : store.network.routesVia(connectionId)) {
            RouteTable table = store.network.routeTable(route.routeTableId()).orElseThrow();
            Vpc vpc = store.vpcs.find(table.vpcId()).orElseThrow();
            if (vpc.accountId().equals(actor)) {
              related.add(
                  new RelatedRoute(
                      vpc.id(),
                      table.id(),
                      route.destination(),
                      store.network.subnetsUsing(List.of(table.id()))));
            }
          }
          return related;
        });
  }
}
