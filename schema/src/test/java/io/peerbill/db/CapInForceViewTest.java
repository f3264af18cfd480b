package io.peerbill.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cap in force (D3, D6) has one definition, the view billing, statements and the stream read.
 */
@ExtendWith(PostgresExtension.class)
class CapInForceViewTest {

  private static final OffsetDateTime CREATED =
      OffsetDateTime.of(2026, 11, 25, 1, 0, 0, 0, ZoneOffset.UTC);

  private DSLContext sql;

  @BeforeEach
  void world(TestDatabase db) {
    sql = db.dsl();
    sql.execute(
        """
        INSERT INTO account (id, name) VALUES ('100001', 'Acme');
        INSERT INTO region (code, name, geo_zone) VALUES
          ('ap-guangzhou', 'Guangzhou', 'cn-mainland'), ('ap-beijing', 'Beijing', 'cn-mainland');
        INSERT INTO vpc (id, account_id, region, name) VALUES
          ('vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'a'),
          ('vpc-bbbbbbbb', '100001', 'ap-beijing', 'b');
        INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
          requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope, state,
          bandwidth_cap_mbps, created_at, expires_at)
        VALUES ('pcx-00000001', 't', 'vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'vpc-bbbbbbbb',
          '100001', 'ap-beijing', 'CROSS_REGION', 'ACTIVE', 700, now(), now());
        """);
  }

  private void change(int capMbps, OffsetDateTime from) {
    sql.execute(
        "INSERT INTO bandwidth_cap_change (connection_id, cap_mbps, effective_from,"
            + " actor_account_id) VALUES ('pcx-00000001', ?, ?::timestamptz, '100001')",
        capMbps,
        from.toString());
  }

  private List<String> spans() {
    return sql.fetch(
            "SELECT cap_mbps || ' from ' || in_force_from || ' to ' || in_force_to FROM cap_in_force"
                + " WHERE connection_id = 'pcx-00000001' ORDER BY in_force_from")
        .getValues(0, String.class);
  }

  @Test
  void eachChangeHoldsUntilTheNext_D3() {
    sql.execute("SET TIME ZONE 'UTC'");
    change(100, CREATED);
    change(500, CREATED.plusHours(5));
    assertThat(spans())
        .containsExactly(
            "100 from 2026-11-25 01:00:00+00 to 2026-11-25 06:00:00+00",
            "500 from 2026-11-25 06:00:00+00 to infinity");
  }

  @Test
  void ofTwoChangesAtOneInstantTheLaterRecordedHolds_D3() {
    sql.execute("SET TIME ZONE 'UTC'");
    change(100, CREATED);
    change(300, CREATED.plusHours(5));
    change(200, CREATED.plusHours(5));
    assertThat(spans())
        .containsExactly(
            "100 from 2026-11-25 01:00:00+00 to 2026-11-25 06:00:00+00",
            "200 from 2026-11-25 06:00:00+00 to infinity");
  }

  @Test
  void withoutRecordedHistoryTheCurrentCapHoldsAlways_D3() {
    assertThat(spans()).containsExactly("700 from -infinity to infinity");
  }
}
