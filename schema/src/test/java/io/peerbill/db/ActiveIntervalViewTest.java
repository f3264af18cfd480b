package io.peerbill.db;

import static io.peerbill.schema.jooq.Tables.PEERING_ACTIVE_INTERVAL;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ACTIVE time comes from the transition record (D1), whatever path led to ACTIVE. */
@ExtendWith(PostgresExtension.class)
class ActiveIntervalViewTest {

  private static final OffsetDateTime REQUESTED =
      OffsetDateTime.of(2026, 11, 25, 1, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime ACCEPTED = REQUESTED.plusHours(3);
  private static final OffsetDateTime DELETED = REQUESTED.plusHours(10);

  private DSLContext sql;

  @BeforeEach
  void world(TestDatabase db) {
    sql = db.dsl();
    sql.execute(
        """
        INSERT INTO account (id, name) VALUES ('100001', 'Acme'), ('100002', 'Globex');
        INSERT INTO region (code, name, geo_zone) VALUES ('ap-guangzhou', 'Guangzhou', 'cn-mainland');
        INSERT INTO vpc (id, account_id, region, name) VALUES
          ('vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'a'),
          ('vpc-bbbbbbbb', '100002', 'ap-guangzhou', 'b');
        INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
          requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope, state,
          created_at, expires_at)
        VALUES ('pcx-00000001', 't', 'vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'vpc-bbbbbbbb',
          '100002', 'ap-guangzhou', 'SAME_REGION', 'PENDING_ACCEPTANCE', now(), now());
        """);
    event(null, "PENDING_ACCEPTANCE", "100001", REQUESTED);
  }

  private void event(String from, String to, String actor, OffsetDateTime at) {
    sql.insertInto(PEERING_EVENT)
        .set(PEERING_EVENT.CONNECTION_ID, "pcx-00000001")
        .set(PEERING_EVENT.FROM_STATE, from)
        .set(PEERING_EVENT.TO_STATE, to)
        .set(PEERING_EVENT.ACTOR_ACCOUNT_ID, actor)
        .set(PEERING_EVENT.OCCURRED_AT, at)
        .execute();
  }

  private Record2<OffsetDateTime, OffsetDateTime> interval() {
    return sql.select(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM, PEERING_ACTIVE_INTERVAL.ACTIVE_TO)
        .from(PEERING_ACTIVE_INTERVAL)
        .where(PEERING_ACTIVE_INTERVAL.CONNECTION_ID.eq("pcx-00000001"))
        .fetchOne();
  }

  @Test
  void pendingConnectionHasNoActiveTime_D9() {
    assertThat(interval()).isNull();
  }

  @Test
  void acceptedConnectionIsActiveFromAcceptanceOpenEnded_D1() {
    event("PENDING_ACCEPTANCE", "ACTIVE", "100002", ACCEPTED);
    assertThat(interval().value1()).isEqualTo(ACCEPTED);
    assertThat(interval().value2()).isNull();
  }

  @Test
  void deletedConnectionIsActiveUntilDeletion_R7() {
    event("PENDING_ACCEPTANCE", "ACTIVE", "100002", ACCEPTED);
    event("ACTIVE", "DELETED", "100001", DELETED);
    assertThat(interval().value1()).isEqualTo(ACCEPTED);
    assertThat(interval().value2()).isEqualTo(DELETED);
  }

  @Test
  void eachActivationEndsAtTheFirstExitFromActiveAfterIt_D1() {
    event("PENDING_ACCEPTANCE", "ACTIVE", "100002", ACCEPTED);
    event("ACTIVE", "PENDING_ACCEPTANCE", "100001", ACCEPTED.plusHours(1));
    event("PENDING_ACCEPTANCE", "ACTIVE", "100002", ACCEPTED.plusHours(2));
    // An exit at the very instant of an activation ends it (zero length), as ">=" says.
    event("ACTIVE", "DELETED", "100001", ACCEPTED.plusHours(2));

    assertThat(
            sql.select(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM, PEERING_ACTIVE_INTERVAL.ACTIVE_TO)
                .from(PEERING_ACTIVE_INTERVAL)
                .where(PEERING_ACTIVE_INTERVAL.CONNECTION_ID.eq("pcx-00000001"))
                .orderBy(PEERING_ACTIVE_INTERVAL.ACTIVE_FROM)
                .fetch(r -> List.of(r.value1(), r.value2())))
        .containsExactly(
            List.of(ACCEPTED, ACCEPTED.plusHours(1)),
            List.of(ACCEPTED.plusHours(2), ACCEPTED.plusHours(2)));
  }
}
