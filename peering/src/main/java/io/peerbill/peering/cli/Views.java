package io.peerbill.peering.cli;

import io.peerbill.peering.Account;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionState;
import io.peerbill.peering.Region;
import io.peerbill.peering.RelatedRoute;
import io.peerbill.peering.Route;
import io.peerbill.peering.RouteTable;
import io.peerbill.peering.Subnet;
import io.peerbill.peering.Transition;
import io.peerbill.peering.Vpc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How each record looks on the command line: ordered columns, the same in table and JSON. */
final class Views {

  private Views() {}

  static Map<String, Object> of(Account a) {
    return row("account", a.id(), "name", a.name());
  }

  static Map<String, Object> of(Region r) {
    return row("region", r.code(), "name", r.name(), "geo_zone", r.geoZone());
  }

  static Map<String, Object> of(Vpc v) {
    return row(
        "vpc",
        v.id(),
        "name",
        v.name(),
        "region",
        v.region(),
        "account",
        v.accountId(),
        "cidrs",
        blocks(v.blocks()));
  }

  static Map<String, Object> of(Subnet s) {
    return row(
        "subnet",
        s.id(),
        "name",
        s.name(),
        "vpc",
        s.vpcId(),
        "cidr",
        s.cidr().toString(),
        "route_table",
        s.routeTableId());
  }

  static Map<String, Object> of(RouteTable t) {
    return row("route_table", t.id(), "name", t.name(), "vpc", t.vpcId(), "main", t.main());
  }

  static Map<String, Object> of(Route r) {
    return row(
        "route_table",
        r.routeTableId(),
        "destination",
        r.destination().toString(),
        "next_hop",
        r.connectionId());
  }

  static Map<String, Object> of(RelatedRoute r) {
    return row(
        "destination",
        r.destination().toString(),
        "route_table",
        r.routeTableId(),
        "vpc",
        r.vpcId(),
        "subnets",
        r.subnets().stream().map(s -> s.id() + " " + s.cidr()).toList());
  }

  /** A connection in full, for one-record output. */
  static Map<String, Object> of(Connection c) {
    return row(
        "peering",
        c.id(),
        "name",
        c.name(),
        "state",
        c.state().name(),
        "scope",
        c.scope().name(),
        "requester",
        c.requesterAccountId() + " " + c.requesterVpcId() + " " + c.requesterRegion(),
        "accepter",
        c.accepterAccountId() + " " + c.accepterVpcId() + " " + c.accepterRegion(),
        "cap_mbps",
        c.capMbps(),
        "created_at",
        time(c.createdAt()),
        "expires_at",
        c.state() == ConnectionState.PENDING_ACCEPTANCE ? time(c.expiresAt()) : null,
        "accepted_at",
        time(c.acceptedAt()),
        "ended_at",
        time(c.endedAt()));
  }

  /** A connection on one line of a list: the full view without its timestamps. */
  static Map<String, Object> line(Connection c) {
    Map<String, Object> row = of(c);
    row.keySet().removeIf(key -> key.endsWith("_at"));
    return row;
  }

  static Map<String, Object> of(Transition t) {
    return row(
        "at",
        time(t.at()),
        "from",
        t.from() == null ? null : t.from().name(),
        "to",
        t.to().name(),
        "actor",
        t.actor());
  }

  static List<String> blocks(List<CidrBlock> blocks) {
    return blocks.stream().map(CidrBlock::toString).toList();
  }

  static String time(Instant at) {
    return at == null ? null : at.toString();
  }

  static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
