package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cross-account request not accepted within 7 days expires (R6), recorded as D1 asks. */
@ExtendWith(PostgresExtension.class)
class ExpirySweepTest {

  private static final Instant REQUESTED = Instant.parse("2026-11-20T08:00:00Z");
  private static final Instant EXPIRES = REQUESTED.plus(Duration.ofDays(7));

  private DSLContext sql;
  private MutableClock clock;
  private ExpirySweep sweep;
  private WorldBuilder world;
  private Vpc acme;

  @BeforeEach
  void world(TestDatabase db) {
    sql = db.dsl();
    clock = new MutableClock(REQUESTED);
    sweep = new ExpirySweep(sql, clock);
    // Room for the 40 pending requests of one VPC the concurrent sweeps race over.
    world = SmallWorld.of(db, clock, PeeringSettings.DEFAULTS.withMaxConnectionsPerVpc(40));
    acme = world.vpc(SmallWorld.ACME, SmallWorld.GUANGZHOU, "10.0.0.0/16");
  }

  /** Acme's request to a new Globex VPC, made {@code requestedAfter} REQUESTED: pending 7 days. */
  private String pending(Duration requestedAfter) {
    WorldBuilder at = world.at(REQUESTED.plus(requestedAfter));
    Vpc globex = at.vpc(SmallWorld.GLOBEX, SmallWorld.GUANGZHOU, "10.1.0.0/16");
    Connection c = at.request(acme, globex, null);
    assertThat(c.state()).isEqualTo(ConnectionState.PENDING_ACCEPTANCE);
    return c.id();
  }

  private String state(String id) {
    return sql.select(PEERING_CONNECTION.STATE)
        .from(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.eq(id))
        .fetchOne(PEERING_CONNECTION.STATE);
  }

  @Test
  void pendingRequestExpiresSevenDaysLaterNotBefore_R6() {
    String id = pending(Duration.ZERO);

    clock.set(EXPIRES.minusNanos(1000));
    assertThat(sweep.expireDue()).isZero();
    assertThat(state(id)).isEqualTo("PENDING_ACCEPTANCE");

    clock.set(EXPIRES);
    assertThat(sweep.expireDue()).isEqualTo(1);
    assertThat(state(id)).isEqualTo("EXPIRED");
  }

  @Test
  void expiryIsRecordedAtTheExpiryInstantWithTheAccepterAsActor_D1() {
    String id = pending(Duration.ZERO);
    clock.set(EXPIRES.plus(Duration.ofHours(5)));

    sweep.expireDue();

    Record event =
        sql.select(
                PEERING_EVENT.FROM_STATE,
                PEERING_EVENT.TO_STATE,
                PEERING_EVENT.ACTOR_ACCOUNT_ID,
                PEERING_EVENT.OCCURRED_AT)
            .from(PEERING_EVENT)
            .where(PEERING_EVENT.CONNECTION_ID.eq(id))
            .and(PEERING_EVENT.FROM_STATE.isNotNull()) // not its creation
            .fetchOne();
    assertThat(event.get(PEERING_EVENT.FROM_STATE)).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(event.get(PEERING_EVENT.TO_STATE)).isEqualTo("EXPIRED");
    assertThat(event.get(PEERING_EVENT.ACTOR_ACCOUNT_ID)).isEqualTo("100002");
    assertThat(event.get(PEERING_EVENT.OCCURRED_AT).toInstant()).isEqualTo(EXPIRES);
    assertThat(
            sql.fetchValue(PEERING_CONNECTION.ENDED_AT, PEERING_CONNECTION.ID.eq(id)).toInstant())
        .isEqualTo(EXPIRES);
  }

  @Test
  void sweepIsIdempotentAndLeavesUndueAndOtherStatesAlone_R6() {
    String due = pending(Duration.ZERO);
    String undue = pending(Duration.ofDays(1));
    clock.set(EXPIRES.plus(Duration.ofHours(1)));

    assertThat(sweep.expireDue()).isEqualTo(1);
    assertThat(sweep.expireDue()).isZero();

    assertThat(state(due)).isEqualTo("EXPIRED");
    assertThat(state(undue)).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(sql.fetchCount(PEERING_EVENT, PEERING_EVENT.FROM_STATE.isNotNull())).isEqualTo(1);
  }

  @Test
  void concurrentSweepsExpireEachConnectionExactlyOnce_R6() throws Exception {
    for (int i = 0; i < 40; i++) {
      pending(Duration.ZERO);
    }
    clock.set(EXPIRES);
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<Integer> run =
            () -> {
              start.await();
              return sweep.expireDue();
            };
        results.add(pool.submit(run));
      }
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get();
      }
      assertThat(total).isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
    assertThat(sql.fetchCount(PEERING_EVENT, PEERING_EVENT.TO_STATE.eq("EXPIRED"))).isEqualTo(40);
    assertThat(sql.fetchCount(PEERING_CONNECTION, PEERING_CONNECTION.STATE.eq("EXPIRED")))
        .isEqualTo(40);
  }
}
