package io.peerbill.peering;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/** A small world for tests: two accounts, three regions, and builders over the real services. */
final class World {

  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  static final String ACME = "100001";
  static final String GLOBEX = "100002";
  static final String GUANGZHOU = "ap-guangzhou";
  static final String SHANGHAI = "ap-shanghai";
  static final String SINGAPORE = "ap-singapore";

  final DSLContext sql;
  final MutableClock clock = new MutableClock(T0);
  final Peering peering;

  World(TestDatabase db) {
    this(db, PeeringSettings.DEFAULTS);
  }

  World(TestDatabase db, PeeringSettings settings) {
    this.sql = db.dsl();
    this.peering = new Peering(sql, clock, settings);
    peering.directory().registerAccount(ACME, "Acme");
    peering.directory().registerAccount(GLOBEX, "Globex");
    peering.directory().registerRegion(GUANGZHOU, "Guangzhou", "cn-mainland");
    peering.directory().registerRegion(SHANGHAI, "Shanghai", "cn-mainland");
    peering.directory().registerRegion(SINGAPORE, "Singapore", "overseas");
  }

  Vpc vpc(String account, String region, String... blocks) {
    List<CidrBlock> parsed = Arrays.stream(blocks).map(CidrBlock::parse).toList();
    return peering.vpcs().create(account, region, "vpc", parsed);
  }

  Subnet subnet(Vpc vpc, String cidr) {
    return peering
        .vpcs()
        .createSubnet(vpc.accountId(), vpc.id(), "subnet", CidrBlock.parse(cidr), null);
  }

  /** A request from {@code a}'s account to {@code b}, with {@code b}'s account as the peer. */
  Connection request(Vpc a, Vpc b, Integer capMbps) {
    return peering
        .connections()
        .create(
            a.accountId(),
            new ConnectionRequest("t", a.id(), b.id(), b.accountId(), null, capMbps));
  }

  /** A request, accepted when it needs acceptance: an ACTIVE connection. */
  Connection peer(Vpc a, Vpc b, Integer capMbps) {
    Connection c = request(a, b, capMbps);
    if (c.state() == ConnectionState.PENDING_ACCEPTANCE) {
      c = peering.connections().accept(b.accountId(), c.id());
    }
    return c;
  }

  /** Routes on both ends so that {@code a} and {@code b} reach each other's blocks. */
  void routeBothWays(Connection c, Vpc a, Vpc b) {
    for (CidrBlock block : b.blocks()) {
      peering.routes().add(a.accountId(), mainTable(a), block, c.id());
    }
    for (CidrBlock block : a.blocks()) {
      peering.routes().add(b.accountId(), mainTable(b), block, c.id());
    }
  }

  String mainTable(Vpc vpc) {
    return peering.vpcs().routeTables(vpc.accountId(), vpc.id()).get(0).id();
  }
}
