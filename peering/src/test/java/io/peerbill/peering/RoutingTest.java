package io.peerbill.peering;

import static io.peerbill.peering.Refusals.refused;
import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GLOBEX;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static io.peerbill.peering.SmallWorld.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Routes, related routes and reachability (R1, R2, R7, R13). */
@ExtendWith(PostgresExtension.class)
class RoutingTest {

  private WorldBuilder w;
  private Reachability reach;
  private Vpc vpc1;
  private Vpc vpc2;
  private Vpc vpc3;
  private Subnet s1;
  private Subnet s2;
  private Subnet s3;

  @BeforeEach
  void world(TestDatabase db) {
    w = SmallWorld.of(db);
    reach = w.peering().reachability();
    vpc1 = w.vpc(ACME, GUANGZHOU, "10.1.0.0/16");
    vpc2 = w.vpc(GLOBEX, SHANGHAI, "10.2.0.0/16");
    vpc3 = w.vpc(GLOBEX, GUANGZHOU, "10.3.0.0/16");
    s1 = w.subnet(vpc1, "10.1.1.0/24");
    s2 = w.subnet(vpc2, "10.2.1.0/24");
    s3 = w.subnet(vpc3, "10.3.1.0/24");
  }

  private boolean reaches(Subnet from, String ip) {
    String actor = from.vpcId().equals(vpc1.id()) ? ACME : GLOBEX;
    return reach.canReach(actor, from.id(), Ipv4.parse(ip));
  }

  @Test
  void trafficNeedsRoutesOnBothEnds_R2() {
    Connection c = w.peer(vpc1, vpc2, 100);
    assertThat(reaches(s1, "10.2.1.9")).isFalse();
    w.peering().routes().add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16"), c.id());
    Reachability.Verdict oneWay = reach.explain(ACME, s1.id(), Ipv4.parse("10.2.1.9"));
    assertThat(oneWay.reachable()).isFalse();
    assertThat(oneWay.reason()).contains("no return route to 10.1.1.0/24 through " + c.id());
    w.peering().routes().add(GLOBEX, w.mainTable(vpc2), CidrBlock.parse("10.1.1.0/24"), c.id());
    assertThat(reaches(s1, "10.2.1.9")).isTrue();
    assertThat(reaches(s2, "10.1.1.200")).isTrue();
    // An address in no subnet of the peer has nothing to reach.
    assertThat(reaches(s1, "10.2.9.9")).isFalse();
  }

  @Test
  void peeringIsNotTransitive_R1() {
    Connection c12 = w.peer(vpc1, vpc2, 100);
    Connection c13 = w.peer(vpc1, vpc3, null);
    w.routeBothWays(c12, vpc1, vpc2);
    w.routeBothWays(c13, vpc1, vpc3);
    assertThat(reaches(s1, "10.2.1.1")).isTrue();
    assertThat(reaches(s1, "10.3.1.1")).isTrue();
    assertThat(reaches(s2, "10.3.1.1")).isFalse();
    assertThat(reaches(s3, "10.2.1.1")).isFalse();
    // Not even with a route: it may only point at a connection of the table's own VPC.
    refused(
        ErrorCode.ROUTE_OUTSIDE_PEER,
        () ->
            w.peering()
                .routes()
                .add(GLOBEX, w.mainTable(vpc2), CidrBlock.parse("10.3.0.0/16"), c12.id()));
    refused(
        ErrorCode.ROUTE_OUTSIDE_PEER,
        () ->
            w.peering()
                .routes()
                .add(GLOBEX, w.mainTable(vpc2), CidrBlock.parse("10.3.0.0/16"), c13.id()));
  }

  @Test
  void deletionStopsTrafficAtOnce_R7() {
    Connection c = w.peer(vpc1, vpc2, 100);
    w.routeBothWays(c, vpc1, vpc2);
    assertThat(reaches(s1, "10.2.1.1")).isTrue();
    w.peering().connections().delete(GLOBEX, c.id());
    assertThat(reaches(s1, "10.2.1.1")).isFalse();
    assertThat(reaches(s2, "10.1.1.1")).isFalse();
    refused(
        ErrorCode.CONNECTION_NOT_LIVE,
        () ->
            w.peering()
                .routes()
                .add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.1.0/24"), c.id()));
  }

  @Test
  void pendingConnectionCarriesNoTraffic_R6() {
    Connection c = w.request(vpc1, vpc2, 100);
    w.peering().routes().add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16"), c.id());
    assertThat(reach.explain(ACME, s1.id(), Ipv4.parse("10.2.1.1")).reason())
        .contains("PENDING_ACCEPTANCE");
  }

  @Test
  void routeDestinationMustLieInThePeer_R2() {
    Connection c = w.peer(vpc1, vpc2, 100);
    PeeringException e =
        refused(
            ErrorCode.ROUTE_OUTSIDE_PEER,
            () ->
                w.peering()
                    .routes()
                    .add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/15"), c.id()));
    assertThat(e.getMessage()).contains("10.2.0.0/15").contains("[10.2.0.0/16]");
    w.peering().routes().add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16"), c.id());
    refused(
        ErrorCode.ROUTE_EXISTS,
        () ->
            w.peering()
                .routes()
                .add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16"), c.id()));
    w.peering().routes().remove(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16"));
    assertThat(w.peering().routes().list(ACME, w.mainTable(vpc1))).isEmpty();
    refused(
        ErrorCode.ROUTE_NOT_FOUND,
        () -> w.peering().routes().remove(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.0.0/16")));
  }

  @Test
  void relatedRoutesListDestinationsTablesAndSubnets_R13() {
    Connection c = w.peer(vpc1, vpc2, 100);
    RouteTable extra = w.peering().vpcs().createRouteTable(ACME, vpc1.id(), "to-peer");
    Subnet s1b =
        w.peering()
            .vpcs()
            .createSubnet(ACME, vpc1.id(), "b", CidrBlock.parse("10.1.2.0/24"), extra.id());
    w.peering().routes().add(ACME, w.mainTable(vpc1), CidrBlock.parse("10.2.1.0/24"), c.id());
    w.peering().routes().add(ACME, extra.id(), CidrBlock.parse("10.2.0.0/16"), c.id());
    w.peering().routes().add(GLOBEX, w.mainTable(vpc2), CidrBlock.parse("10.1.0.0/16"), c.id());

    List<RelatedRoute> acme = w.peering().routes().related(ACME, c.id());
    assertThat(acme)
        .containsExactlyInAnyOrder(
            new RelatedRoute(
                vpc1.id(), w.mainTable(vpc1), CidrBlock.parse("10.2.1.0/24"), List.of(s1)),
            new RelatedRoute(vpc1.id(), extra.id(), CidrBlock.parse("10.2.0.0/16"), List.of(s1b)));
    assertThat(w.peering().routes().related(GLOBEX, c.id()))
        .containsExactly(
            new RelatedRoute(
                vpc2.id(), w.mainTable(vpc2), CidrBlock.parse("10.1.0.0/16"), List.of(s2)));
  }
}
