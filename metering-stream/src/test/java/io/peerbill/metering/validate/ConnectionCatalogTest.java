package io.peerbill.metering.validate;

import static io.peerbill.metering.MeteringFixtures.DAY_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.metering.JdbcTarget;
import io.peerbill.peering.WorldBuilder;
import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import io.peerbill.tools.gen.GeneratedFleet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection metadata as the stream sees it: ACTIVE time, cap history, refresh. */
@ExtendWith(PostgresExtension.class)
class ConnectionCatalogTest {

  private static final Instant ACCEPTED = DAY_START.minus(Duration.ofHours(1));

  /** The peering service acting at {@code at}, as the world's accounts do over time. */
  private static WorldBuilder at(TestDatabase db, Instant at) {
    return new WorldBuilder(db.dsl(), Clock.fixed(at, ZoneOffset.UTC));
  }

  /** A cross-region connection (capped at 1000 Mbps) and a same-region one, ACTIVE from then. */
  private static List<String> crossAndSame(TestDatabase db) {
    return GeneratedFleet.register(db.dsl(), 2, ACCEPTED);
  }

  @Test
  void activeTimeEndsAtDeletionInclusiveStartExclusiveEnd_D12_R7(TestDatabase db) {
    String cross = crossAndSame(db).get(0);
    Instant deleted = DAY_START.plus(Duration.ofMinutes(30));
    at(db, deleted).peering().connections().delete(GeneratedFleet.ACCOUNT_A, cross);
    ConnectionInfo c = ConnectionCatalogLoader.load(db.dsl(), 0).find(cross);
    assertThat(c.isActiveAt(ACCEPTED.toEpochMilli() - 1)).isFalse();
    assertThat(c.isActiveAt(ACCEPTED.toEpochMilli())).isTrue();
    assertThat(c.isActiveAt(deleted.toEpochMilli() - 1)).isTrue();
    assertThat(c.isActiveAt(deleted.toEpochMilli())).isFalse();
  }

  @Test
  void capInForceFollowsTheEffectiveDatedHistory_D3(TestDatabase db) {
    List<String> ids = crossAndSame(db);
    Instant raised = DAY_START.plus(Duration.ofHours(2));
    at(db, raised)
        .peering()
        .connections()
        .setCap(GeneratedFleet.ACCOUNT_A, ids.get(0), 2 * GeneratedFleet.CROSS_REGION_CAP_MBPS);
    ConnectionCatalog catalog = ConnectionCatalogLoader.load(db.dsl(), 0);
    ConnectionInfo cross = catalog.find(ids.get(0));
    assertThat(cross.capAt(raised.toEpochMilli() - 1))
        .isEqualTo(GeneratedFleet.CROSS_REGION_CAP_MBPS);
    assertThat(cross.capAt(raised.toEpochMilli()))
        .isEqualTo(2 * GeneratedFleet.CROSS_REGION_CAP_MBPS);
    ConnectionInfo same = catalog.find(ids.get(1));
    assertThat(same.scope()).isEqualTo("SAME_REGION");
    assertThat(same.capAt(raised.toEpochMilli())).isNull();
  }

  @Test
  void connectionCreatedWhileRunningIsSeenOnceTheRefreshPeriodEnds_D12(TestDatabase db)
      throws Exception {
    String first = GeneratedFleet.register(db.dsl(), 1, ACCEPTED).get(0);
    try (RefreshingCatalog catalog = RefreshingCatalog.open(JdbcTarget.of(db.config()), 60_000)) {
      assertThat(catalog.at(0).find(first)).isNotNull();

      String created = crossAndSame(db).get(1);
      assertThat(catalog.at(59_999).find(created)).as("before the period ends").isNull();
      catalog.at(60_000); // starts the background reload
      Instant deadline = Instant.now().plusSeconds(30);
      while (catalog.at(60_001).find(created) == null && Instant.now().isBefore(deadline)) {
        Thread.sleep(10);
      }
      assertThat(catalog.at(60_001).find(created)).as("after the reload").isNotNull();
      assertThat(catalog.at(60_001).loadedAt()).isEqualTo(60_000);
    }
  }
}
