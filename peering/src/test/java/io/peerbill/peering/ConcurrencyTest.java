package io.peerbill.peering;

import static io.peerbill.peering.SmallWorld.ACME;
import static io.peerbill.peering.SmallWorld.GLOBEX;
import static io.peerbill.peering.SmallWorld.GUANGZHOU;
import static io.peerbill.peering.SmallWorld.SHANGHAI;
import static io.peerbill.peering.SmallWorld.SINGAPORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operations racing on parallel threads against the real database never break a rule together: each
 * outcome is one a serial order would give. The threads are released together; the assertions hold
 * whatever order PostgreSQL's row locks put them in.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrencyTest {

  @Test
  void createsThatEachFitTheLimitAloneDoNotExceedItTogether_R8(TestDatabase db) throws Exception {
    WorldBuilder w = SmallWorld.of(db, PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(3));
    Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    w.peer(hub, w.vpc(GLOBEX, GUANGZHOU, "10.100.0.0/16"), null);
    List<Callable<Connection>> racers = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Vpc peer = w.vpc(GLOBEX, GUANGZHOU, "10." + i + ".0.0/16");
      racers.add(() -> w.request(hub, peer, null));
    }

    List<Race.Outcome<Connection>> outcomes = Race.run(racers);

    assertThat(outcomes.stream().filter(Race.Outcome::succeeded)).hasSize(2);
    assertThat(outcomes.stream().filter(o -> !o.succeeded()))
        .hasSize(4)
        .allSatisfy(o -> assertThat(o.refusal().code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    assertThat(w.peering().connections().list(ACME).stream().filter(c -> c.state().isLive()))
        .hasSize(3);
  }

  @Test
  void newCrossRegionPeersOfOneVpcThatOverlapEachOtherCannotBothJoin_R5(TestDatabase db)
      throws Exception {
    WorldBuilder w = SmallWorld.of(db);
    for (int round = 0; round < 5; round++) {
      Vpc hub = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
      Vpc viaShanghai = w.vpc(GLOBEX, SHANGHAI, "10.8.0.0/16");
      Vpc viaSingapore = w.vpc(GLOBEX, SINGAPORE, "10.8.128.0/17");
      // Odd rounds race at the accepter end: the two peers request the hub.
      boolean hubRequests = round % 2 == 0;
      List<Callable<Connection>> racers =
          List.of(
              () ->
                  hubRequests ? w.request(hub, viaShanghai, 100) : w.request(viaShanghai, hub, 100),
              () ->
                  hubRequests
                      ? w.request(hub, viaSingapore, 100)
                      : w.request(viaSingapore, hub, 100));

      List<Race.Outcome<Connection>> outcomes = Race.run(racers);

      assertThat(outcomes.stream().filter(Race.Outcome::succeeded)).as("round " + round).hasSize(1);
      assertThat(outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow())
          .satisfies(o -> assertThat(o.refusal().code()).isEqualTo(ErrorCode.PEER_CIDR_OVERLAP));
    }
  }

  @Test
  void acceptRacingDeleteEndsInAStateSomeSerialOrderGives_D1(TestDatabase db) throws Exception {
    WorldBuilder w = SmallWorld.of(db);
    Vpc requester = w.vpc(ACME, GUANGZHOU, "10.0.0.0/16");
    int rounds = 8;
    for (int round = 0; round < rounds; round++) {
      Vpc accepter = w.vpc(GLOBEX, SHANGHAI, "10." + (round + 1) + ".0.0/16");
      Connection c = w.request(requester, accepter, 100);
      List<Callable<Connection>> racers =
          List.of(
              () -> w.peering().connections().accept(GLOBEX, c.id()),
              () -> w.peering().connections().delete(ACME, c.id()));

      List<Race.Outcome<Connection>> outcomes = Race.run(racers);

      Race.Outcome<Connection> accept = outcomes.get(0);
      Race.Outcome<Connection> delete = outcomes.get(1);
      assertThat(delete.succeeded()).isTrue();
      List<ConnectionState> path =
          w.peering().connections().history(ACME, c.id()).stream().map(Transition::to).toList();
      if (accept.succeeded()) {
        assertThat(delete.value().state()).isEqualTo(ConnectionState.DELETED);
        assertThat(path)
            .containsExactly(
                ConnectionState.PENDING_ACCEPTANCE,
                ConnectionState.ACTIVE,
                ConnectionState.DELETED);
      } else {
        assertThat(accept.refusal().code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(delete.value().state()).isEqualTo(ConnectionState.WITHDRAWN);
        assertThat(path)
            .containsExactly(ConnectionState.PENDING_ACCEPTANCE, ConnectionState.WITHDRAWN);
      }
      assertThat(w.peering().connections().show(ACME, c.id()).state().isLive()).isFalse();
    }
  }
}
