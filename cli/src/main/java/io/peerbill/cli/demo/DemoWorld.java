package io.peerbill.cli.demo;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;

import io.peerbill.billing.BillingDay;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.Vpc;
import io.peerbill.peering.WorldBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The demo's world, built through the peering service as customers would build it: three accounts,
 * regions in two geo zones, VPCs, and connections in every state the billing rules care about —
 * same-region (free), cross-region with a mid-day cap raise, one above its cap all day, one deleted
 * mid-day, one graduated-priced across zones, a pending request and a rejected one.
 *
 * <p>Every step runs at its own instant relative to the billing day, so the transition record (and
 * with it the ACTIVE intervals billing reads) is the same on every run.
 */
final class DemoWorld {

  static final String ACME = "100000000001";
  static final String GLOBEX = "100000000002";
  static final String INITECH = "100000000003";

  /** Connection names, unique in the demo; a re-run finds the world by them. */
  static final String GZ_BJ = "acme-gz-bj";

  static final String GZ_SAME_REGION = "acme-globex-gz";
  static final String SG_FRA = "acme-initech-sg-fra";
  static final String SH_BJ_DELETED = "globex-acme-sh-bj";
  static final String BJ_FRA = "acme-initech-bj-fra";
  static final String PENDING = "initech-globex-gz";
  static final String REJECTED = "initech-acme-gz";

  private final DSLContext sql;
  private final BillingDay day;

  DemoWorld(DSLContext sql, BillingDay day) {
    this.sql = sql;
    this.day = day;
  }

  boolean exists() {
    return sql.fetchExists(ACCOUNT, ACCOUNT.ID.eq(ACME));
  }

  /** The demo's connections by name, as stored. */
  Map<String, String> connectionIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    sql.select(PEERING_CONNECTION.NAME, PEERING_CONNECTION.ID)
        .from(PEERING_CONNECTION)
        .where(
            PEERING_CONNECTION.REQUESTER_ACCOUNT_ID.in(ACME, GLOBEX, INITECH),
            PEERING_CONNECTION.NAME.in(
                GZ_BJ, GZ_SAME_REGION, SG_FRA, SH_BJ_DELETED, BJ_FRA, PENDING, REJECTED))
        .orderBy(PEERING_CONNECTION.CREATED_AT)
        .forEach(r -> ids.put(r.value1(), r.value2()));
    return ids;
  }

  Map<String, String> build() {
    Instant setup = day.start().minus(Duration.ofHours(14)); // 10:00 local, the day before
    WorldBuilder world =
        new WorldBuilder(sql, Clock.systemUTC())
            .at(setup)
            .account(ACME, "Acme Retail")
            .account(GLOBEX, "Globex Logistics")
            .account(INITECH, "Initech Games")
            .region("ap-guangzhou", "Guangzhou", "cn-mainland")
            .region("ap-shanghai", "Shanghai", "cn-mainland")
            .region("ap-beijing", "Beijing", "cn-mainland")
            .region("ap-singapore", "Singapore", "overseas")
            .region("eu-frankfurt", "Frankfurt", "overseas");

    Vpc acmeGz = vpc(world, ACME, "ap-guangzhou", "acme-web", "10.1.0.0/16");
    Vpc acmeBj = vpc(world, ACME, "ap-beijing", "acme-data", "10.2.0.0/16");
    Vpc acmeSg = vpc(world, ACME, "ap-singapore", "acme-apac", "10.3.0.0/16");
    Vpc globexGz = vpc(world, GLOBEX, "ap-guangzhou", "globex-erp", "172.16.0.0/16");
    Vpc globexSh = vpc(world, GLOBEX, "ap-shanghai", "globex-wms", "172.17.0.0/16");
    Vpc initechFra = vpc(world, INITECH, "eu-frankfurt", "initech-eu", "192.168.0.0/20");
    Vpc initechGz = vpc(world, INITECH, "ap-guangzhou", "initech-cn", "192.168.16.0/20");

    Connection gzBj = world.request(GZ_BJ, acmeGz, acmeBj, 500);
    Connection gzSameRegion = world.request(GZ_SAME_REGION, acmeGz, globexGz, null);
    Connection sgFra = world.request(SG_FRA, acmeSg, initechFra, 200);
    Connection shBj = world.request(SH_BJ_DELETED, globexSh, acmeBj, 300);
    Connection bjFra = world.request(BJ_FRA, acmeBj, initechFra, 1000);

    // An hour later the peers accept, and routes go in on both ends of Acme's own link (R2).
    WorldBuilder accepted = world.at(setup.plus(Duration.ofHours(1)));
    accepted.accept(gzSameRegion);
    accepted.accept(sgFra);
    accepted.accept(shBj);
    accepted.accept(bjFra);
    accepted.routeBothWays(gzBj, acmeGz, acmeBj);

    // A request Globex never answers, and one Acme turns down.
    WorldBuilder later = world.at(setup.plus(Duration.ofHours(2)));
    Connection pending = later.request(PENDING, initechGz, globexGz, null);
    Connection rejected = later.reject(later.request(REJECTED, initechGz, acmeGz, null));

    // On the billing day: Acme deletes Globex's link at 13:00 and raises its own cap at 14:00.
    world.at(day.start().plus(Duration.ofHours(13))).delete(ACME, shBj);
    world.at(day.start().plus(Duration.ofHours(14))).setCap(gzBj, 800);

    Map<String, String> ids = new LinkedHashMap<>();
    for (Connection c : List.of(gzBj, gzSameRegion, sgFra, shBj, bjFra, pending, rejected)) {
      ids.put(c.name(), c.id());
    }
    return ids;
  }

  /** A VPC with one /24 subnet at the start of its block, on its main route table. */
  private static Vpc vpc(
      WorldBuilder world, String account, String region, String name, String cidr) {
    Vpc vpc = world.namedVpc(name, account, region, cidr);
    CidrBlock block = vpc.blocks().get(0);
    world.subnet(vpc, name + "-a", new CidrBlock(block.network(), 24).toString());
    return vpc;
  }
}
