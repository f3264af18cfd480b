package io.peerbill.peering;

import static io.peerbill.peering.Refusals.refused;
import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GLOBEX;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static io.peerbill.peering.SmallWorld.SHANGHAI;
import static io.peerbill.peering.SmallWorld.SINGAPORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which connections may exist: overlaps (R4, R5), the per-VPC limit (R8), self and pairs. */
@ExtendWith(PostgresExtension.class)
class OverlapAndLimitTest {

  @Test
  void endsWhoseBlocksOverlapCannotBePeered_R4(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc a = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16", "172.16.0.0/16");
    Vpc b = w.vpc(GLOBEX, GUANGZHOU, "192.168.0.0/16", "172.16.5.0/24");
    PeeringException e = refused(ErrorCode.CIDR_OVERLAP, () -> w.request(a, b, null));
    assertThat(e.getMessage())
        .isEqualTo(
            "CIDR_OVERLAP (R4): 172.16.0.0/16 of "
                + a.id()
                + " overlaps 172.16.5.0/24 of "
                + b.id()
                + "; the two ends of a connection must not overlap");
  }

  @Test
  void blockAddedToAPeeredVpcMustNotOverlapThePeer_R4(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc a = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc b = w.vpc(GLOBEX, GUANGZHOU, "10.1.0.0/16");
    w.peer(a, b, null);
    refused(
        ErrorCode.CIDR_OVERLAP,
        () -> w.peering().vpcs().addBlock(ACME, a.id(), CidrBlock.parse("10.1.128.0/17")));
    assertThat(w.peering().vpcs().addBlock(ACME, a.id(), CidrBlock.parse("10.2.0.0/16")).blocks())
        .hasSize(2);
  }

  @Test
  void pendingRequestsBlockOverlappingCrossRegionPeersToo_R5(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc a = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc b = w.vpc(GLOBEX, SHANGHAI, "10.1.0.0/16");
    Vpc c = w.vpc(GLOBEX, SINGAPORE, "10.5.0.0/16");
    w.request(a, b, 50);
    w.peer(a, c, 50);
    // While a's request to b is pending, neither a new block of a's other cross-region peer nor
    // a new cross-region peer of a may overlap b.
    refused(
        ErrorCode.PEER_CIDR_OVERLAP,
        () -> w.peering().vpcs().addBlock(GLOBEX, c.id(), CidrBlock.parse("10.1.0.0/24")));
    Vpc d = w.vpc(ACME, SHANGHAI, "10.1.64.0/18");
    refused(ErrorCode.PEER_CIDR_OVERLAP, () -> w.request(a, d, 50));
  }

  @Test
  void acceptanceRechecksTheLimitInForceNow_R8(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc p1 = w.vpc(GLOBEX, GUANGZHOU, "10.1.0.0/16");
    Vpc p2 = w.vpc(GLOBEX, GUANGZHOU, "10.2.0.0/16");
    w.request(hub, p1, null);
    Connection second = w.request(hub, p2, null);
    // The operator lowers the limit while both requests wait.
    PeeringService stricter =
        new PeeringService(
            db.dsl(),
            new MutableClock(SmallWorld.T0),
            PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(1));
    refused(ErrorCode.LIMIT_EXCEEDED, () -> stricter.accept(GLOBEX, second.id()));
    assertThat(w.peering().connections().accept(GLOBEX, second.id()).state())
        .isEqualTo(ConnectionState.ACTIVE);
  }

  @Test
  void crossRegionPeersOfOneVpcMustNotOverlap_R5(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc first = w.vpc(GLOBEX, SHANGHAI, "10.8.0.0/16");
    Vpc second = w.vpc(GLOBEX, SINGAPORE, "10.8.4.0/24");
    w.peer(hub, first, 100);
    PeeringException e = refused(ErrorCode.PEER_CIDR_OVERLAP, () -> w.request(hub, second, 100));
    assertThat(e.getMessage())
        .contains("10.8.4.0/24 of " + second.id())
        .contains("10.8.0.0/16 of " + first.id())
        .contains("cross-region peer of " + hub.id());
  }

  @Test
  void crossRegionOverlapIsCheckedAtTheAccepterEndToo_R5(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc hub = w.vpc(GLOBEX, SHANGHAI, "10.0.0.0/16");
    Vpc spoke = w.vpc(GLOBEX, SINGAPORE, "10.8.0.0/16");
    Vpc newcomer = w.vpc(ACME, GUANGZHOU, "10.8.0.0/20");
    w.peer(hub, spoke, 100);
    // The newcomer requests the hub: at the hub's end it would overlap the spoke.
    refused(ErrorCode.PEER_CIDR_OVERLAP, () -> w.request(newcomer, hub, 100));
  }

  @Test
  void sameRegionPeersOfOneVpcDoNotAffectEachOther_R5(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc first = w.vpc(GLOBEX, GUANGZHOU, "10.8.0.0/16");
    Vpc second = w.vpc(GLOBEX, GUANGZHOU, "10.8.0.0/16");
    assertThat(w.peer(hub, first, null).state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(w.peer(hub, second, null).state()).isEqualTo(ConnectionState.ACTIVE);
  }

  @Test
  void vpcHasAtMostTenLiveConnectionsPendingCounted_R8(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    for (int i = 1; i <= 10; i++) {
      Vpc peer = w.vpc(GLOBEX, GUANGZHOU, "10." + i + ".0.0/16");
      // Every other one stays pending: pending requests count too.
      Connection c = i % 2 == 0 ? w.peer(hub, peer, null) : w.request(hub, peer, null);
      assertThat(c.state().isLive()).isTrue();
    }
    Vpc eleventh = w.vpc(GLOBEX, GUANGZHOU, "10.11.0.0/16");
    PeeringException e = refused(ErrorCode.LIMIT_EXCEEDED, () -> w.request(hub, eleventh, null));
    assertThat(e.getMessage())
        .isEqualTo(
            "LIMIT_EXCEEDED (R8): "
                + hub.id()
                + " already has 10 live peering connections (pending counted); the limit is 10");
    // The limit counts at the other end as well.
    refused(ErrorCode.LIMIT_EXCEEDED, () -> w.request(eleventh, hub, null));
  }

  @Test
  void endedConnectionsFreeTheirPlaceAndTheLimitIsConfigurable_R8(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db, PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(2));
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc p1 = w.vpc(GLOBEX, GUANGZHOU, "10.1.0.0/16");
    Vpc p2 = w.vpc(GLOBEX, GUANGZHOU, "10.2.0.0/16");
    Vpc p3 = w.vpc(GLOBEX, GUANGZHOU, "10.3.0.0/16");
    Connection c1 = w.request(hub, p1, null);
    w.request(hub, p2, null);
    refused(ErrorCode.LIMIT_EXCEEDED, () -> w.request(hub, p3, null));
    w.peering().connections().reject(GLOBEX, c1.id());
    assertThat(w.request(hub, p3, null).state()).isEqualTo(ConnectionState.PENDING_ACCEPTANCE);
  }

  @Test
  void selfPeeringAndASecondLiveConnectionOfAPairAreRefused_R10(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc a = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc b = w.vpc(GLOBEX, GUANGZHOU, "10.1.0.0/16");
    refused(ErrorCode.SELF_PEERING, () -> w.request(a, a, null));
    w.request(a, b, null);
    refused(ErrorCode.ALREADY_PEERED, () -> w.request(a, b, null));
    refused(ErrorCode.ALREADY_PEERED, () -> w.request(b, a, null));
  }

  @Test
  void crossRegionNeedsACapSameRegionTakesNone_R16(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc gz = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc sh = w.vpc(ACME, SHANGHAI, "10.1.0.0/16");
    Vpc gz2 = w.vpc(ACME, GUANGZHOU, "10.2.0.0/16");
    refused(ErrorCode.CAP_REQUIRED, () -> w.request(gz, sh, null));
    refused(ErrorCode.CAP_NOT_ALLOWED, () -> w.request(gz, gz2, 100));
    assertThat(w.request(gz, sh, 200).capMbps()).isEqualTo(200);
    assertThat(w.request(gz, gz2, null).capMbps()).isNull();
  }

  @Test
  void capIsChangeableLaterWithEffectiveDatedHistory_R16(TestDatabase db) {
    MutableClock clock = new MutableClock(SmallWorld.T0);
    WorldBuilder w = SmallWorld.of(db, clock);
    Vpc gz = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc sh = w.vpc(GLOBEX, SHANGHAI, "10.1.0.0/16");
    Vpc gz2 = w.vpc(ACME, GUANGZHOU, "10.2.0.0/16");
    Connection c = w.peer(gz, sh, 200);
    clock.advance(java.time.Duration.ofHours(5));
    assertThat(w.peering().connections().setCap(ACME, c.id(), 500).capMbps()).isEqualTo(500);
    assertThat(w.peering().connections().capHistory(GLOBEX, c.id()))
        .containsExactly(
            new CapChange(200, SmallWorld.T0, ACME),
            new CapChange(500, SmallWorld.T0.plus(java.time.Duration.ofHours(5)), ACME));
    refused(ErrorCode.NOT_AUTHORIZED, () -> w.peering().connections().setCap(GLOBEX, c.id(), 50));
    Connection same = w.peer(gz, gz2, null);
    refused(ErrorCode.CAP_NOT_ALLOWED, () -> w.peering().connections().setCap(ACME, same.id(), 50));
  }

  @Test
  void capIsOneToFiveThousandMbps_D3(TestDatabase db) {
    WorldBuilder w = SmallWorld.of(db);
    Vpc gz = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    Vpc sh = w.vpc(ACME, SHANGHAI, "10.1.0.0/16");
    PeeringException e = refused(ErrorCode.CAP_OUT_OF_RANGE, () -> w.request(gz, sh, 5001));
    assertThat(e.getMessage())
        .isEqualTo("CAP_OUT_OF_RANGE (D3): bandwidth cap 5001 Mbps is outside 1..5000 Mbps");
    refused(ErrorCode.CAP_OUT_OF_RANGE, () -> w.request(gz, sh, 0));
    Connection c = w.request(gz, sh, 5000);
    refused(ErrorCode.CAP_OUT_OF_RANGE, () -> w.peering().connections().setCap(ACME, c.id(), 0));
    assertThat(w.peering().connections().setCap(ACME, c.id(), 1).capMbps()).isEqualTo(1);
  }
}
