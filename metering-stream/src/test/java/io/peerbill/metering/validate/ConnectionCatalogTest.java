package io.peerbill.metering.validate;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static io.peerbill.schema.jooq.Tables.BANDWIDTH_CAP_CHANGE;
import static io.peerbill.schema.jooq.Tables.PEERING_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.ConnectionSeeder;
import io.peerbill.metering.JdbcTarget;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratorSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection metadata as the stream sees it: ACTIVE time, cap history, refresh. */
@ExtendWith(PostgresExtension.class)
class ConnectionCatalogTest {

  private static final String CROSS = GeneratorSpec.connectionId(0);
  private static final String SAME = GeneratorSpec.connectionId(1);
  private static final Instant ACCEPTED = DAY_START.minus(Duration.ofHours(1));

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static void event(DSLContext sql, String from, String to, Instant at) {
    sql.insertInto(PEERING_EVENT)
        .set(PEERING_EVENT.CONNECTION_ID, CROSS)
        .set(PEERING_EVENT.FROM_STATE, from)
        .set(PEERING_EVENT.TO_STATE, to)
        .set(PEERING_EVENT.ACTOR_ACCOUNT_ID, ConnectionSeeder.ACCOUNT_A)
        .set(PEERING_EVENT.OCCURRED_AT, utc(at))
        .execute();
  }

  @Test
  void activeTimeEndsAtDeletionInclusiveStartExclusiveEnd_D12_R7(TestDatabase db) {
    ConnectionSeeder.seed(db.dsl(), 2, ACCEPTED);
    Instant deleted = DAY_START.plus(Duration.ofMinutes(30));
    event(db.dsl(), "ACTIVE", "DELETED", deleted);
    ConnectionInfo c = ConnectionCatalogLoader.load(db.dsl(), 0).find(CROSS);
    assertThat(c.isActiveAt(ACCEPTED.toEpochMilli() - 1)).isFalse();
    assertThat(c.isActiveAt(ACCEPTED.toEpochMilli())).isTrue();
    assertThat(c.isActiveAt(deleted.toEpochMilli() - 1)).isTrue();
    assertThat(c.isActiveAt(deleted.toEpochMilli())).isFalse();
  }

  @Test
  void capInForceFollowsTheEffectiveDatedHistory_D3(TestDatabase db) {
    ConnectionSeeder.seed(db.dsl(), 2, ACCEPTED);
    Instant raised = DAY_START.plus(Duration.ofHours(2));
    db.dsl()
        .insertInto(BANDWIDTH_CAP_CHANGE)
        .set(BANDWIDTH_CAP_CHANGE.CONNECTION_ID, CROSS)
        .set(BANDWIDTH_CAP_CHANGE.CAP_MBPS, 2000)
        .set(BANDWIDTH_CAP_CHANGE.EFFECTIVE_FROM, utc(raised))
        .set(BANDWIDTH_CAP_CHANGE.ACTOR_ACCOUNT_ID, ConnectionSeeder.ACCOUNT_A)
        .execute();
    ConnectionCatalog catalog = ConnectionCatalogLoader.load(db.dsl(), 0);
    ConnectionInfo cross = catalog.find(CROSS);
    assertThat(cross.capAt(raised.toEpochMilli() - 1)).isEqualTo(1000);
    assertThat(cross.capAt(raised.toEpochMilli())).isEqualTo(2000);
    assertThat(catalog.find(SAME).scope()).isEqualTo("SAME_REGION");
    assertThat(catalog.find(SAME).capAt(raised.toEpochMilli())).isNull();
  }

  @Test
  void connectionCreatedWhileRunningIsSeenOnceTheRefreshPeriodEnds_D12(TestDatabase db)
      throws Exception {
    ConnectionSeeder.seed(db.dsl(), 1, ACCEPTED);
    try (RefreshingCatalog catalog = RefreshingCatalog.open(JdbcTarget.of(db.config()), 60_000)) {
      assertThat(catalog.at(0).find(SAME)).isNull();

      ConnectionSeeder.seed(db.dsl(), 2, ACCEPTED);
      assertThat(catalog.at(59_999).find(SAME)).as("before the period ends").isNull();
      catalog.at(60_000); // starts the background reload
      Instant deadline = Instant.now().plusSeconds(30);
      while (catalog.at(60_001).find(SAME) == null && Instant.now().isBefore(deadline)) {
        Thread.sleep(10);
      }
      assertThat(catalog.at(60_001).find(SAME)).as("after the reload").isNotNull();
      assertThat(catalog.at(60_001).loadedAt()).isEqualTo(60_000);
    }
  }
}
