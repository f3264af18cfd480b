package io.peerbill.peering;

import static io.peerbill.schema.jooq.Tables.PEERING_CONNECTION;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.MutableClock;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  @BeforeEach
  void world(TestDatabase db) {
    sql = db.dsl();
    clock = new MutableClock(REQUESTED);
    sweep = new ExpirySweep(sql, clock);
    sql.execute(
        """
        INSERT INTO account (id, name) VALUES ('100001', 'Acme'), ('100002', 'Globex');
        INSERT INTO region (code, name, geo_zone) VALUES ('ap-guangzhou', 'Guangzhou', 'cn-mainland');
        INSERT INTO vpc (id, account_id, region, name) VALUES
          ('vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'a'),
          ('vpc-bbbbbbbb', '100002', 'ap-guangzhou', 'b'),
          ('vpc-cccccccc', '100002', 'ap-guangzhou', 'c');
        """);
  }

  private void pending(String id, String accepterVpc, Instant expiresAt) {
    OffsetDateTime created = OffsetDateTime.ofInstant(REQUESTED, ZoneOffset.UTC);
    sql.insertInto(PEERING_CONNECTION)
        .set(PEERING_CONNECTION.ID, id)
        .set(PEERING_CONNECTION.NAME, id)
        .set(PEERING_CONNECTION.REQUESTER_VPC_ID, "vpc-aaaaaaaa")
        .set(PEERING_CONNECTION.REQUESTER_ACCOUNT_ID, "100001")
        .set(PEERING_CONNECTION.REQUESTER_REGION, "ap-guangzhou")
        .set(PEERING_CONNECTION.ACCEPTER_VPC_ID, accepterVpc)
        .set(PEERING_CONNECTION.ACCEPTER_ACCOUNT_ID, "100002")
        .set(PEERING_CONNECTION.ACCEPTER_REGION, "ap-guangzhou")
        .set(PEERING_CONNECTION.SCOPE, "SAME_REGION")
        .set(PEERING_CONNECTION.STATE, "PENDING_ACCEPTANCE")
        .set(PEERING_CONNECTION.CREATED_AT, created)
        .set(PEERING_CONNECTION.EXPIRES_AT, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
        .execute();
  }

  private String state(String id) {
    return sql.select(PEERING_CONNECTION.STATE)
        .from(PEERING_CONNECTION)
        .where(PEERING_CONNECTION.ID.eq(id))
        .fetchOne(PEERING_CONNECTION.STATE);
  }

  @Test
  void pendingRequestExpiresSevenDaysLaterNotBefore_R6() {
    pending("pcx-00000001", "vpc-bbbbbbbb", EXPIRES);

    clock.set(EXPIRES.minusNanos(1000));
    assertThat(sweep.expireDue()).isZero();
    assertThat(state("pcx-00000001")).isEqualTo("PENDING_ACCEPTANCE");

    clock.set(EXPIRES);
    assertThat(sweep.expireDue()).isEqualTo(1);
    assertThat(state("pcx-00000001")).isEqualTo("EXPIRED");
  }

  @Test
  void expiryIsRecordedAtTheExpiryInstantWithTheAccepterAsActor_D1() {
    pending("pcx-00000001", "vpc-bbbbbbbb", EXPIRES);
    clock.set(EXPIRES.plus(Duration.ofHours(5)));

    sweep.expireDue();

    Record event =
        sql.select(
                PEERING_EVENT.FROM_STATE,
                PEERING_EVENT.TO_STATE,
                PEERING_EVENT.ACTOR_ACCOUNT_ID,
                PEERING_EVENT.OCCURRED_AT)
            .from(PEERING_EVENT)
            .where(PEERING_EVENT.CONNECTION_ID.eq("pcx-00000001"))
            .fetchOne();
    assertThat(event.get(PEERING_EVENT.FROM_STATE)).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(event.get(PEERING_EVENT.TO_STATE)).isEqualTo("EXPIRED");
    assertThat(event.get(PEERING_EVENT.ACTOR_ACCOUNT_ID)).isEqualTo("100002");
    assertThat(event.get(PEERING_EVENT.OCCURRED_AT).toInstant()).isEqualTo(EXPIRES);
    assertThat(
            sql.fetchValue(PEERING_CONNECTION.ENDED_AT, PEERING_CONNECTION.ID.eq("pcx-00000001"))
                .toInstant())
        .isEqualTo(EXPIRES);
  }

  @Test
  void sweepIsIdempotentAndLeavesUndueAndOtherStatesAlone_R6() {
    pending("pcx-00000001", "vpc-bbbbbbbb", EXPIRES);
    pending("pcx-00000002", "vpc-cccccccc", EXPIRES.plus(Duration.ofDays(1)));
    clock.set(EXPIRES.plus(Duration.ofHours(1)));

    assertThat(sweep.expireDue()).isEqualTo(1);
    assertThat(sweep.expireDue()).isZero();

    assertThat(state("pcx-00000001")).isEqualTo("EXPIRED");
    assertThat(state("pcx-00000002")).isEqualTo("PENDING_ACCEPTANCE");
    assertThat(sql.fetchCount(PEERING_EVENT)).isEqualTo(1);
  }

  @Test
  void concurrentSweepsExpireEachConnectionExactlyOnce_R6() throws Exception {
    for (int i = 0; i < 40; i++) {
      sql.execute(
          "INSERT INTO vpc (id, account_id, region, name) VALUES (?, '100002', 'ap-guangzhou', ?)",
          String.format("vpc-p%07d", i),
          "p" + i);
      pending(String.format("pcx-%08d", i), String.format("vpc-p%07d", i), EXPIRES);
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
