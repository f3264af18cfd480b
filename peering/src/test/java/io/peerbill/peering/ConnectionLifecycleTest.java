package io.peerbill.peering;

import static io.peerbill.peering.Refusals.refused;
import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GLOBEX;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static io.peerbill.peering.SmallWorld.SHANGHAI;
import static io.peerbill.peering.SmallWorld.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** States, who may move them, and the record of every move (R6, R7, R9, D1, D2). */
@ExtendWith(PostgresExtension.class)
class ConnectionLifecycleTest {

  private final MutableClock clock = new MutableClock(SmallWorld.T0);
  private WorldBuilder world;
  private PeeringService connections;
  private Vpc acmeGz;
  private Vpc acmeSh;
  private Vpc globexSh;

  @BeforeEach
  void world(TestDatabase db) {
    world = SmallWorld.of(db, clock);
    connections = world.peering().connections();
    acmeGz = world.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    acmeSh = world.vpc(ACME, SHANGHAI, "10.1.0.0/16");
    globexSh = world.vpc(GLOBEX, SHANGHAI, "10.2.0.0/16");
  }

  @Test
  void sameAccountConnectionIsActiveAtCreation_R9() {
    Connection c = world.request(acmeGz, acmeSh, 100);
    assertThat(c.state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(c.acceptedAt()).isEqualTo(T0);
    assertThat(c.expiresAt()).isNull();
    assertThat(c.scope()).isEqualTo(Scope.CROSS_REGION);
  }

  @Test
  void crossAccountConnectionWaitsForAcceptance_R9() {
    Connection c = world.request(acmeGz, globexSh, 100);
    assertThat(c.state()).isEqualTo(ConnectionState.PENDING_ACCEPTANCE);
    assertThat(c.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(world.peering().activeIntervals().of(c.id(), T0, T0.plus(Duration.ofDays(30))))
        .isEmpty();
  }

  @Test
  void accepterAcceptsPendingRequest_R6() {
    Connection c = world.request(acmeGz, globexSh, 100);
    clock.advance(Duration.ofDays(6));
    Connection accepted = connections.accept(GLOBEX, c.id());
    assertThat(accepted.state()).isEqualTo(ConnectionState.ACTIVE);
    assertThat(accepted.acceptedAt()).isEqualTo(T0.plus(Duration.ofDays(6)));
  }

  @Test
  void accepterRejectsPendingRequestAndItCannotBeAcceptedAfter_R6() {
    Connection c = world.request(acmeGz, globexSh, 100);
    Connection rejected = connections.reject(GLOBEX, c.id());
    assertThat(rejected.state()).isEqualTo(ConnectionState.REJECTED);
    assertThat(rejected.endedAt()).isEqualTo(T0);
    refused(ErrorCode.INVALID_STATE, () -> connections.accept(GLOBEX, c.id()));
  }

  @Test
  void requestCannotBeAcceptedOnceItsWindowHasPassed_R6() {
    Connection c = world.request(acmeGz, globexSh, 100);
    clock.advance(Duration.ofDays(7));
    refused(ErrorCode.REQUEST_EXPIRED, () -> connections.accept(GLOBEX, c.id()));
    refused(ErrorCode.REQUEST_EXPIRED, () -> connections.reject(GLOBEX, c.id()));
    // A new request replaces it: the lapsed one no longer blocks the pair.
    Connection again = world.request(acmeGz, globexSh, 100);
    assertThat(again.state()).isEqualTo(ConnectionState.PENDING_ACCEPTANCE);
    assertThat(connections.show(ACME, c.id()).state()).isEqualTo(ConnectionState.EXPIRED);
  }

  @Test
  void aRequestPastItsWindowReadsAsExpiredBeforeAnySweep_R6() {
    Connection c = world.request(acmeGz, globexSh, 100);
    clock.advance(Duration.ofDays(7));
    assertThat(connections.list(GLOBEX))
        .filteredOn(found -> found.id().equals(c.id()))
        .singleElement()
        .satisfies(found -> assertThat(found.state()).isEqualTo(ConnectionState.EXPIRED));
    Connection shown = connections.show(ACME, c.id());
    assertThat(shown.state()).isEqualTo(ConnectionState.EXPIRED);
    assertThat(shown.endedAt()).isEqualTo(c.expiresAt());
    assertThat(connections.history(ACME, c.id()).get(1))
        .isEqualTo(
            new Transition(
                c.id(),
                ConnectionState.PENDING_ACCEPTANCE,
                ConnectionState.EXPIRED,
                GLOBEX,
                c.expiresAt()));
  }

  @Test
  void eitherEndDeletesAndOnlyANewConnectionRestoresIt_R7() {
    Connection first = world.peer(acmeGz, globexSh, 100);
    clock.advance(Duration.ofHours(1));
    Connection deleted = connections.delete(GLOBEX, first.id());
    assertThat(deleted.state()).isEqualTo(ConnectionState.DELETED);
    refused(ErrorCode.INVALID_STATE, () -> connections.accept(GLOBEX, first.id()));
    refused(ErrorCode.INVALID_STATE, () -> connections.delete(ACME, first.id()));

    Connection second = world.peer(acmeGz, globexSh, 100);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(connections.delete(ACME, second.id()).state()).isEqualTo(ConnectionState.DELETED);
  }

  @Test
  void requesterDeletingItsPendingRequestWithdrawsIt_D1() {
    Connection c = world.request(acmeGz, globexSh, 100);
    assertThat(connections.delete(ACME, c.id()).state()).isEqualTo(ConnectionState.WITHDRAWN);
    refused(ErrorCode.INVALID_STATE, () -> connections.withdraw(ACME, c.id()));
  }

  @Test
  void everyTransitionIsRecordedWithActorAndTime_D1() {
    Connection c = world.request(acmeGz, globexSh, 100);
    clock.advance(Duration.ofHours(2));
    connections.accept(GLOBEX, c.id());
    clock.advance(Duration.ofHours(3));
    connections.delete(ACME, c.id());

    Instant accepted = T0.plus(Duration.ofHours(2));
    Instant deleted = accepted.plus(Duration.ofHours(3));
    assertThat(connections.history(GLOBEX, c.id()))
        .containsExactly(
            new Transition(c.id(), null, ConnectionState.PENDING_ACCEPTANCE, ACME, T0),
            new Transition(
                c.id(),
                ConnectionState.PENDING_ACCEPTANCE,
                ConnectionState.ACTIVE,
                GLOBEX,
                accepted),
            new Transition(c.id(), ConnectionState.ACTIVE, ConnectionState.DELETED, ACME, deleted));
    assertThat(world.peering().activeIntervals().of(c.id(), T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(new ActiveInterval(accepted, deleted));
  }

  @Test
  void activeIntervalsAreClippedToTheAskedRange_D1() {
    Connection c = world.peer(acmeGz, acmeSh, 100);
    Instant from = T0.plus(Duration.ofHours(1));
    Instant to = T0.plus(Duration.ofHours(2));
    assertThat(world.peering().activeIntervals().of(c.id(), from, to))
        .containsExactly(new ActiveInterval(from, to));
    assertThat(world.peering().activeIntervals().of(c.id(), T0.minusSeconds(60), T0)).isEmpty();
  }

  @Test
  void onlyTheRightAccountsMoveAConnection_D2() {
    Connection c = world.request(acmeGz, globexSh, 100);
    refused(ErrorCode.NOT_AUTHORIZED, () -> connections.accept(ACME, c.id()));
    refused(ErrorCode.NOT_AUTHORIZED, () -> connections.reject(ACME, c.id()));
    refused(ErrorCode.NOT_AUTHORIZED, () -> connections.withdraw(GLOBEX, c.id()));
    world.peering().directory().registerAccount("100003", "Initech");
    refused(ErrorCode.CONNECTION_NOT_FOUND, () -> connections.accept("100003", c.id()));
    refused(ErrorCode.UNKNOWN_ACCOUNT, () -> connections.accept("999999", c.id()));
    refused(ErrorCode.NO_ACTING_ACCOUNT, () -> connections.accept(null, c.id()));
    assertThat(connections.show(ACME, c.id()).state())
        .isEqualTo(ConnectionState.PENDING_ACCEPTANCE);
  }

  @Test
  void anAccountActsOnlyOnItsOwnVpcsAndRoutes_D2() {
    refused(
        ErrorCode.VPC_NOT_FOUND,
        () ->
            connections.create(
                ACME, new ConnectionRequest("x", globexSh.id(), acmeGz.id(), ACME, null, 100)));
    refused(
        ErrorCode.VPC_NOT_FOUND,
        () ->
            connections.create(
                ACME, new ConnectionRequest("x", acmeGz.id(), "vpc-00000000", GLOBEX, null, 100)));
    refused(
        ErrorCode.VPC_NOT_FOUND,
        () ->
            connections.create(
                ACME, new ConnectionRequest("x", acmeGz.id(), globexSh.id(), ACME, null, 100)));
    refused(
        ErrorCode.VPC_NOT_FOUND,
        () -> world.peering().vpcs().addBlock(ACME, globexSh.id(), CidrBlock.parse("10.9.0.0/16")));
    refused(
        ErrorCode.ROUTE_TABLE_NOT_FOUND,
        () ->
            world
                .peering()
                .vpcs()
                .createSubnet(
                    ACME,
                    acmeGz.id(),
                    "s",
                    CidrBlock.parse("10.0.1.0/24"),
                    world.mainTable(globexSh)));
    Connection c = world.peer(acmeGz, globexSh, 100);
    refused(
        ErrorCode.ROUTE_TABLE_NOT_FOUND,
        () ->
            world
                .peering()
                .routes()
                .add(ACME, world.mainTable(globexSh), CidrBlock.parse("10.0.0.0/16"), c.id()));
    assertThat(world.peering().vpcs().list(ACME))
        .extracting(Vpc::id)
        .containsExactlyInAnyOrder(acmeGz.id(), acmeSh.id());
  }
}
