package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.ROUTE;
import static io.peerbill.schema.jooq.Tables.ROUTE_TABLE;
import static io.peerbill.schema.jooq.Tables.SUBNET;

import io.peerbill.schema.jooq.tables.records.RouteRecord;
import io.peerbill.schema.jooq.tables.records.RouteTableRecord;
import io.peerbill.schema.jooq.tables.records.SubnetRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Route tables, subnets and routes as stored. */
final class NetworkRepository {

  static final String NEXT_HOP_PEERING = "PEERING_CONNECTION";

  private final DSLContext sql;

  NetworkRepository(DSLContext sql) {
    this.sql = sql;
  }

  void insert(RouteTable table, OffsetDateTime at) {
    sql.insertInto(ROUTE_TABLE)
        .set(ROUTE_TABLE.ID, table.id())
        .set(ROUTE_TABLE.VPC_ID, table.vpcId())
        .set(ROUTE_TABLE.NAME, table.name())
        .set(ROUTE_TABLE.IS_MAIN, table.main())
        .set(ROUTE_TABLE.CREATED_AT, at)
        .execute();
  }

  Optional<RouteTable> routeTable(String id) {
    return sql.selectFrom(ROUTE_TABLE)
        .where(ROUTE_TABLE.ID.eq(id))
        .fetchOptional(NetworkRepository::routeTable);
  }

  List<RouteTable> routeTablesOf(String vpcId) {
    return sql.selectFrom(ROUTE_TABLE)
        .where(ROUTE_TABLE.VPC_ID.eq(vpcId))
        .orderBy(ROUTE_TABLE.IS_MAIN.desc(), ROUTE_TABLE.ID)
        .fetch(NetworkRepository::routeTable);
  }

  Optional<RouteTable> mainRouteTable(String vpcId) {
    return sql.selectFrom(ROUTE_TABLE)
        .where(ROUTE_TABLE.VPC_ID.eq(vpcId), ROUTE_TABLE.IS_MAIN.isTrue())
        .fetchOptional(NetworkRepository::routeTable);
  }

  void insert(Subnet subnet, OffsetDateTime at) {
    sql.insertInto(SUBNET)
        .set(SUBNET.ID, subnet.id())
        .set(SUBNET.VPC_ID, subnet.vpcId())
        .set(SUBNET.NAME, subnet.name())
        .set(SUBNET.CIDR, Cidrs.toDb(subnet.cidr()))
        .set(SUBNET.ROUTE_TABLE_ID, subnet.routeTableId())
        .set(SUBNET.CREATED_AT, at)
        .execute();
  }

  Optional<Subnet> subnet(String id) {
    return sql.selectFrom(SUBNET).where(SUBNET.ID.eq(id)).fetchOptional(NetworkRepository::subnet);
  }

  List<Subnet> subnetsOf(String vpcId) {
    return sql.selectFrom(SUBNET)
        .where(SUBNET.VPC_ID.eq(vpcId))
        .orderBy(SUBNET.CIDR)
        .fetch(NetworkRepository::subnet);
  }

  List<Subnet> subnetsUsing(Collection<String> routeTableIds) {
    return sql.selectFrom(SUBNET)
        .where(SUBNET.ROUTE_TABLE_ID.in(routeTableIds))
        .orderBy(SUBNET.CIDR)
        .fetch(NetworkRepository::subnet);
  }

  /** Inserts the route; false when the table already has a route to that destination. */
  boolean insert(
      String routeTableId, CidrBlock destination, String connectionId, OffsetDateTime at) {
    return sql.insertInto(ROUTE)
            .set(ROUTE.ROUTE_TABLE_ID, routeTableId)
            .set(ROUTE.DESTINATION, Cidrs.toDb(destination))
            .set(ROUTE.NEXT_HOP_TYPE, NEXT_HOP_PEERING)
            .set(ROUTE.NEXT_HOP_ID, connectionId)
            .set(ROUTE.CREATED_AT, at)
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  boolean deleteRoute(String routeTableId, CidrBlock destination) {
    return sql.deleteFrom(ROUTE)
            .where(ROUTE.ROUTE_TABLE_ID.eq(routeTableId))
            .and(ROUTE.DESTINATION.eq(Cidrs.toDb(destination)))
            .execute()
        == 1;
  }

  List<Route> routesOf(String routeTableId) {
    return sql.selectFrom(ROUTE)
        .where(ROUTE.ROUTE_TABLE_ID.eq(routeTableId))
        .orderBy(ROUTE.DESTINATION)
        .fetch(NetworkRepository::route);
  }

  List<Route> routesVia(String connectionId) {
    return sql.selectFrom(ROUTE)
        .where(ROUTE.NEXT_HOP_TYPE.eq(NEXT_HOP_PEERING), ROUTE.NEXT_HOP_ID.eq(connectionId))
        .orderBy(ROUTE.ROUTE_TABLE_ID, ROUTE.DESTINATION)
        .fetch(NetworkRepository::route);
  }

  private static RouteTable routeTable(RouteTableRecord r) {
    return new RouteTable(r.getId(), r.getVpcId(), r.getName(), r.getIsMain());
  }

  private static Subnet subnet(SubnetRecord r) {
    return new Subnet(
        r.getId(), r.getVpcId(), r.getName(), Cidrs.fromDb(r.getCidr()), r.getRouteTableId());
  }

  private static Route route(RouteRecord r) {
    return new Route(
        r.getId(), r.getRouteTableId(), Cidrs.fromDb(r.getDestination()), r.getNextHopId());
  }
}
