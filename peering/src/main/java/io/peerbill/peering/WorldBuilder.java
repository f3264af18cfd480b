package io.peerbill.peering;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jooq.DSLContext;

/**
 * Builds a world of accounts, regions, VPCs, connections and routes through the peering service, so
 * every rule holds for what it builds: the demo's world and every module's test worlds are made
 * with it, none by inserting rows.
 *
 * <p>A builder acts at its clock's instant. {@link #at} gives one acting at another instant: that
 * is how states the rules reach only over time are built (a connection ACTIVE since a past instant,
 * a cap raised at noon, a request that expired), and why the transition record is the same on every
 * run.
 */
public final class WorldBuilder {

  private final Clock clock;
  private final PeeringSettings settings;
  private final DSLContext sql;
  private final Peering peering;

  public WorldBuilder(DSLContext sql, Clock clock) {
    this(sql, clock, PeeringSettings.DEFAULTS);
  }

  public WorldBuilder(DSLContext sql, Clock clock, PeeringSettings settings) {
    this.sql = sql;
    this.clock = clock;
    this.settings = settings;
    this.peering = new Peering(sql, clock, settings);
  }

  /** The same world, acted on at {@code instant} (a fixed clock). */
  public WorldBuilder at(Instant instant) {
    return new WorldBuilder(sql, Clock.fixed(instant, ZoneOffset.UTC), settings);
  }

  /** The services this builder acts through, for what it has no step for. */
  public Peering peering() {
    return peering;
  }

  public WorldBuilder account(String id, String name) {
    peering.directory().registerAccount(id, name);
    return this;
  }

  public WorldBuilder region(String code, String name, String geoZone) {
    peering.directory().registerRegion(code, name, geoZone);
    return this;
  }

  /** A VPC named "vpc" of {@code account} with the given CIDR blocks. */
  public Vpc vpc(String account, String region, String... blocks) {
    return namedVpc("vpc", account, region, blocks);
  }

  public Vpc namedVpc(String name, String account, String region, String... blocks) {
    return peering
        .vpcs()
        .create(account, region, name, Arrays.stream(blocks).map(CidrBlock::parse).toList());
  }

  /** A subnet named "subnet" on the VPC's main route table. */
  public Subnet subnet(Vpc vpc, String cidr) {
    return subnet(vpc, "subnet", cidr);
  }

  public Subnet subnet(Vpc vpc, String name, String cidr) {
    return peering
        .vpcs()
        .createSubnet(vpc.accountId(), vpc.id(), name, CidrBlock.parse(cidr), null);
  }

  /** A request named "t"; see {@link #request(String, Vpc, Vpc, Integer)}. */
  public Connection request(Vpc requester, Vpc accepter, Integer capMbps) {
    return request("t", requester, accepter, capMbps);
  }

  /**
   * A request by {@code requester}'s account to {@code accepter}'s: ACTIVE at once within one
   * account (R9), pending acceptance across accounts.
   */
  public Connection request(String name, Vpc requester, Vpc accepter, Integer capMbps) {
    return peering
        .connections()
        .create(
            requester.accountId(),
            new ConnectionRequest(
                name, requester.id(), accepter.id(), accepter.accountId(), null, capMbps));
  }

  /** A request named "t", accepted at once when it needs acceptance: an ACTIVE connection. */
  public Connection peer(Vpc requester, Vpc accepter, Integer capMbps) {
    return peer("t", requester, accepter, capMbps);
  }

  public Connection peer(String name, Vpc requester, Vpc accepter, Integer capMbps) {
    Connection c = request(name, requester, accepter, capMbps);
    return c.state() == ConnectionState.PENDING_ACCEPTANCE ? accept(c) : c;
  }

  /** The accepter's account accepts. */
  public Connection accept(Connection c) {
    return peering.connections().accept(c.accepterAccountId(), c.id());
  }

  /** The accepter's account rejects. */
  public Connection reject(Connection c) {
    return peering.connections().reject(c.accepterAccountId(), c.id());
  }

  /** The requester's account withdraws its pending request. */
  public Connection withdraw(Connection c) {
    return peering.connections().withdraw(c.requesterAccountId(), c.id());
  }

  /** {@code actor}'s account (either end) deletes the connection. */
  public Connection delete(String actor, Connection c) {
    return peering.connections().delete(actor, c.id());
  }

  /** The requester's account, which pays (D8), sets the cap from now on. */
  public Connection setCap(Connection c, int capMbps) {
    return peering.connections().setCap(c.requesterAccountId(), c.id(), capMbps);
  }

  /** Requests past their acceptance window become EXPIRED (R6); how many did. */
  public int expireDue() {
    return peering.expirySweep().expireDue();
  }

  /** Routes on both ends so that {@code a} and {@code b} reach each other's blocks (R2). */
  public void routeBothWays(Connection c, Vpc a, Vpc b) {
    for (CidrBlock block : b.blocks()) {
      peering.routes().add(a.accountId(), mainTable(a), block, c.id());
    }
    for (CidrBlock block : a.blocks()) {
      peering.routes().add(b.accountId(), mainTable(b), block, c.id());
    }
  }

  public String mainTable(Vpc vpc) {
    return peering.vpcs().routeTables(vpc.accountId(), vpc.id()).get(0).id();
  }
}
