package io.peerbill.peering;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** VPCs, their blocks, route tables and subnets; an account acts only on its own (D2). */
public final class VpcService {

  private final DSLContext sql;
  private final Clock clock;

  public VpcService(DSLContext sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Creates a VPC with its blocks and a main route table. */
  public Vpc create(String actor, String region, String name, List<CidrBlock> blocks) {
    if (blocks.isEmpty()) {
      throw PeeringException.of(ErrorCode.INVALID_INPUT, "a VPC needs at least one CIDR block");
    }
    for (int i = 0; i < blocks.size(); i++) {
      for (int j = i + 1; j < blocks.size(); j++) {
        blockClash(blocks.get(i), blocks.get(j), "the new VPC");
      }
    }
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          if (new DirectoryRepository(tx).region(region).isEmpty()) {
            throw PeeringException.of(ErrorCode.UNKNOWN_REGION, "no region '%s'", region);
          }
          OffsetDateTime now = DbTime.now(clock);
          Vpc vpc = new Vpc(Ids.next("vpc"), actor, region, name, blocks);
          store.vpcs.insert(vpc, now);
          store.network.insert(new RouteTable(Ids.next("rtb"), vpc.id(), "main", true), now);
          return vpc;
        });
  }

  /**
   * Adds a block. It must not overlap the VPC's blocks, nor any live peer's (R4), nor, through a
   * cross-region connection, the peer's other cross-region peers (R5).
   */
  public Vpc addBlock(String actor, String vpcId, CidrBlock block) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.actor(actor);
          store.guard.ownVpc(actor, vpcId);
          PeerGraph graph = new PeerGraph(store);
          graph.lockWithPeers(vpcId);
          Vpc vpc = store.vpcs.find(vpcId).orElseThrow();
          for (CidrBlock existing : vpc.blocks()) {
            blockClash(block, existing, vpcId);
          }
          List<CidrBlock> grown = new ArrayList<>(vpc.blocks());
          grown.add(block);
          Vpc after = new Vpc(vpc.id(), vpc.accountId(), vpc.region(), vpc.name(), grown);
          for (Connection c : graph.live(vpcId)) {
            Vpc peer = store.vpcs.find(c.otherEnd(vpcId)).orElseThrow();
            graph.checkJoin(after, peer, c.scope(), c.id());
          }
          store.vpcs.addBlock(vpcId, block, DbTime.now(clock));
          return after;
        });
  }

  public List<Vpc> list(String actor) {
    return Transactions.inTransaction(
        sql, tx -> new Store(tx).vpcs.ofAccount(new Guard(tx).actor(actor)));
  }

  public Vpc show(String actor, String vpcId) {
    return Transactions.inTransaction(
        sql, tx -> new Guard(tx).ownVpc(new Guard(tx).actor(actor), vpcId));
  }

  public RouteTable createRouteTable(String actor, String vpcId, String name) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.ownVpc(store.guard.actor(actor), vpcId);
          RouteTable table = new RouteTable(Ids.next("rtb"), vpcId, name, false);
          store.network.insert(table, DbTime.now(clock));
          return table;
        });
  }

  public List<RouteTable> routeTables(String actor, String vpcId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.ownVpc(store.guard.actor(actor), vpcId);
          return store.network.routeTablesOf(vpcId);
        });
  }

  /**
   * Creates a subnet inside one of the VPC's blocks, overlapping no sibling, associated with the
   * given route table or, when none is given, the VPC's main one.
   */
  public Subnet createSubnet(
      String actor, String vpcId, String name, CidrBlock cidr, String routeTableId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.ownVpc(store.guard.actor(actor), vpcId);
          store.vpcs.lock(List.of(vpcId));
          Vpc vpc = store.vpcs.find(vpcId).orElseThrow();
          if (!vpc.containsBlock(cidr)) {
            throw PeeringException.of(
                ErrorCode.SUBNET_OUTSIDE_VPC,
                "subnet %s lies outside every block of %s %s",
                cidr,
                vpcId,
                vpc.blocks());
          }
          for (Subnet sibling : store.network.subnetsOf(vpcId)) {
            if (sibling.cidr().overlaps(cidr)) {
              throw PeeringException.of(
                  ErrorCode.SUBNET_OVERLAP,
                  "subnet %s overlaps %s (%s) of %s",
                  cidr,
                  sibling.id(),
                  sibling.cidr(),
                  vpcId);
            }
          }
          RouteTable table =
              routeTableId == null
                  ? store.network.mainRouteTable(vpcId).orElseThrow()
                  : store.guard.ownRouteTable(actor, routeTableId);
          if (!table.vpcId().equals(vpcId)) {
            throw PeeringException.of(
                ErrorCode.ROUTE_TABLE_NOT_FOUND,
                "route table %s belongs to %s, not %s",
                table.id(),
                table.vpcId(),
                vpcId);
          }
          Subnet subnet = new Subnet(Ids.next("subnet"), vpcId, name, cidr, table.id());
          store.network.insert(subnet, DbTime.now(clock));
          return subnet;
        });
  }

  public List<Subnet> subnets(String actor, String vpcId) {
    return Transactions.inTransaction(
        sql,
        tx -> {
          Store store = new Store(tx);
          store.guard.ownVpc(store.guard.actor(actor), vpcId);
          return store.network.subnetsOf(vpcId);
        });
  }

  private static void blockClash(CidrBlock a, CidrBlock b, String where) {
    if (a.overlaps(b)) {
      throw PeeringException.of(
          ErrorCode.VPC_BLOCK_OVERLAP, "block %s overlaps block %s of %s", a, b, where);
    }
  }
}
