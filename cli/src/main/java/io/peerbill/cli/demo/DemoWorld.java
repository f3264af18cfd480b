package io.peerbill.cli.demo;

import static io.peerbill.schema.jooq.Tables.ACCOUNT;
import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;

import io.peerbill.billing.BillingDay;
import io.peerbill.peering.CidrBlock;
import io.peerbill.peering.Connection;
import io.peerbill.peering.ConnectionRequest;
import io.peerbill.peering.Peering;
import io.peerbill.peering.PeeringSettings;
import io.peerbill.peering.Subnet;
import io.peerbill.peering.Vpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    Peering at = peeringAt(setup);
    at.directory().registerAccount(ACME, "Acme Retail");
    at.directory().registerAccount(GLOBEX, "Globex Logistics");
    at.directory().registerAccount(INITECH, "Initech Games");
    at.directory().registerRegion("ap-guangzhou", "Guangzhou", "cn-mainland");
    at.directory().registerRegion("ap-shanghai", "Shanghai", "cn-mainland");
    at.directory().registerRegion("ap-beijing", "Beijing", "cn-mainland");
    at.directory().registerRegion("ap-singapore", "Singapore", "overseas");
    at.directory().registerRegion("eu-frankfurt", "Frankfurt", "overseas");

    Vpc acmeGz = vpc(at, ACME, "ap-guangzhou", "acme-web", "10.1.0.0/16");
    Vpc acmeBj = vpc(at, ACME, "ap-beijing", "acme-data", "10.2.0.0/16");
    Vpc acmeSg = vpc(at, ACME, "ap-singapore", "acme-apac", "10.3.0.0/16");
    Vpc globexGz = vpc(at, GLOBEX, "ap-guangzhou", "globex-erp", "172.16.0.0/16");
    Vpc globexSh = vpc(at, GLOBEX, "ap-shanghai", "globex-wms", "172.17.0.0/16");
    Vpc initechFra = vpc(at, INITECH, "eu-frankfurt", "initech-eu", "192.168.0.0/20");
    Vpc initechGz = vpc(at, INITECH, "ap-guangzhou", "initech-cn", "192.168.16.0/20");

    Map<String, String> ids = new LinkedHashMap<>();
    Connection gzBj = connect(at, ACME, GZ_BJ, acmeGz, acmeBj, 500);
    ids.put(GZ_BJ, gzBj.id());
    ids.put(GZ_SAME_REGION, connect(at, ACME, GZ_SAME_REGION, acmeGz, globexGz, null).id());
    ids.put(SG_FRA, connect(at, ACME, SG_FRA, acmeSg, initechFra, 200).id());
    ids.put(SH_BJ_DELETED, connect(at, GLOBEX, SH_BJ_DELETED, globexSh, acmeBj, 300).id());
    ids.put(BJ_FRA, connect(at, ACME, BJ_FRA, acmeBj, initechFra, 1000).id());

    // An hour later the peers accept, and routes go in on both ends of Acme's own link (R2).
    Peering accepted = peeringAt(setup.plus(Duration.ofHours(1)));
    accepted.connections().accept(GLOBEX, ids.get(GZ_SAME_REGION));
    accepted.connections().accept(INITECH, ids.get(SG_FRA));
    accepted.connections().accept(ACME, ids.get(SH_BJ_DELETED));
    accepted.connections().accept(INITECH, ids.get(BJ_FRA));
    route(accepted, ACME, acmeGz, acmeBj, gzBj.id());
    route(accepted, ACME, acmeBj, acmeGz, gzBj.id());

    // A request Globex never answers, and one Acme turns down.
    Peering later = peeringAt(setup.plus(Duration.ofHours(2)));
    ids.put(PENDING, connect(later, INITECH, PENDING, initechGz, globexGz, null).id());
    ids.put(REJECTED, connect(later, INITECH, REJECTED, initechGz, acmeGz, null).id());
    later.connections().reject(ACME, ids.get(REJECTED));

    // On the billing day: Acme deletes Globex's link at 13:00 and raises its own cap at 14:00.
    peeringAt(day.start().plus(Duration.ofHours(13)))
        .connections()
        .delete(ACME, ids.get(SH_BJ_DELETED));
    peeringAt(day.start().plus(Duration.ofHours(14)))
        .connections()
        .setCap(ACME, ids.get(GZ_BJ), 800);
    return ids;
  }

  private Peering peeringAt(Instant instant) {
    return new Peering(sql, Clock.fixed(instant, ZoneOffset.UTC), PeeringSettings.DEFAULTS);
  }

  private static Vpc vpc(Peering at, String account, String region, String name, String cidr) {
    Vpc vpc = at.vpcs().create(account, region, name, List.of(CidrBlock.parse(cidr)));
    CidrBlock block = vpc.blocks().get(0);
    // One /24 subnet at the start of the block, on the VPC's main route table.
    Subnet subnet =
        at.vpcs()
            .createSubnet(account, vpc.id(), name + "-a", new CidrBlock(block.network(), 24), null);
    assert subnet != null;
    return vpc;
  }

  private static Connection connect(
      Peering at, String actor, String name, Vpc requester, Vpc accepter, Integer cap) {
    String peerAccount = accepter.accountId().equals(actor) ? null : accepter.accountId();
    return at.connections()
        .create(
            actor,
            new ConnectionRequest(
                name, requester.id(), accepter.id(), peerAccount, accepter.region(), cap));
  }

  private static void route(Peering at, String actor, Vpc from, Vpc to, String connectionId) {
    List<String> tables = new ArrayList<>();
    at.vpcs().routeTables(actor, from.id()).forEach(t -> tables.add(t.id()));
    at.routes().add(actor, tables.get(0), to.blocks().get(0), connectionId);
  }
}
