package io.peerbill.db;

import static io.peerbill.schema.jooq.Tables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The invariants the database itself refuses to break, whatever code writes to it. */
@ExtendWith(PostgresExtension.class)
class SchemaConstraintsTest {

  private DSLContext sql;

  @BeforeEach
  void world(TestDatabase db) {
    sql = db.dsl();
    sql.execute(
        """
        INSERT INTO account (id, name) VALUES ('100001', 'Acme'), ('100002', 'Globex');
        INSERT INTO region (code, name, geo_zone) VALUES
          ('ap-guangzhou', 'Guangzhou', 'cn-mainland'), ('ap-beijing', 'Beijing', 'cn-mainland');
        INSERT INTO vpc (id, account_id, region, name) VALUES
          ('vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'a'),
          ('vpc-bbbbbbbb', '100002', 'ap-guangzhou', 'b'),
          ('vpc-cccccccc', '100002', 'ap-beijing', 'c');
        """);
  }

  private void insertConnection(
      String id, String accepter, String accepterRegion, String scope, String state, Integer cap) {
    sql.execute(
        """
        INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
          requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope, state,
          bandwidth_cap_mbps, created_at, expires_at)
        VALUES (?, 'test', 'vpc-aaaaaaaa', '100001', 'ap-guangzhou', ?, '100002', ?, ?, ?, ?,
          now(), now() + interval '7 days')
        """,
        id,
        accepter,
        accepterRegion,
        scope,
        state,
        cap);
  }

  @Test
  void validConnectionsAreStored_D1_D3() {
    insertConnection("pcx-00000001", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "ACTIVE", null);
    insertConnection("pcx-00000002", "vpc-cccccccc", "ap-beijing", "CROSS_REGION", "ACTIVE", 100);
    assertThat(sql.fetchCount(PEERING_CONNECTION)).isEqualTo(2);
  }

  @Test
  void unknownStateIsRefused_D1() {
    assertRefusedBy(
        "peering_connection_state_allowed",
        () ->
            insertConnection(
                "pcx-00000001", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "LIMBO", null));
  }

  @Test
  void capOnSameRegionConnectionIsRefused_D3() {
    assertRefusedBy(
        "peering_connection_cap_iff_cross_region",
        () ->
            insertConnection(
                "pcx-00000001", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "ACTIVE", 100));
  }

  @Test
  void crossRegionConnectionWithoutCapIsRefused_R16() {
    assertRefusedBy(
        "peering_connection_cap_iff_cross_region",
        () ->
            insertConnection(
                "pcx-00000001", "vpc-cccccccc", "ap-beijing", "CROSS_REGION", "ACTIVE", null));
  }

  @Test
  void capOutsideOneTo5000IsRefused_D3() {
    assertRefusedBy(
        "peering_connection_cap_range",
        () ->
            insertConnection(
                "pcx-00000001", "vpc-cccccccc", "ap-beijing", "CROSS_REGION", "ACTIVE", 5001));
  }

  @Test
  void selfPeeringIsRefused() {
    assertRefusedBy(
        "peering_connection_no_self_peering",
        () ->
            sql.execute(
                """
                INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
                  requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope,
                  state, created_at)
                VALUES ('pcx-00000001', 'self', 'vpc-aaaaaaaa', '100001', 'ap-guangzhou',
                  'vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'SAME_REGION', 'ACTIVE', now())
                """));
  }

  @Test
  void secondLiveConnectionBetweenSameVpcsIsRefusedWhicheverEndRequests() {
    insertConnection("pcx-00000001", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "ACTIVE", null);
    assertRefusedBy(
        "peering_connection_one_live_per_vpc_pair",
        () ->
            sql.execute(
                """
                INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
                  requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope,
                  state, created_at, expires_at)
                VALUES ('pcx-00000002', 'reverse', 'vpc-bbbbbbbb', '100002', 'ap-guangzhou',
                  'vpc-aaaaaaaa', '100001', 'ap-guangzhou', 'SAME_REGION', 'PENDING_ACCEPTANCE',
                  now(), now() + interval '7 days')
                """));
  }

  @Test
  void endedConnectionDoesNotBlockANewOne_R7() {
    insertConnection(
        "pcx-00000001", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "DELETED", null);
    insertConnection("pcx-00000002", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "ACTIVE", null);
    assertThat(sql.fetchCount(PEERING_CONNECTION)).isEqualTo(2);
  }

  @Test
  void hostBitsInAVpcBlockAreRefused() {
    assertThatThrownBy(
            () ->
                sql.execute(
                    "INSERT INTO vpc_cidr_block (vpc_id, cidr) VALUES ('vpc-aaaaaaaa',"
                        + " '10.0.1.5/24')"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("invalid cidr value");
  }

  @Test
  void beforeEachAndTestShareOneDatabase(TestDatabase db) {
    assertThat(db.dsl().fetchCount(ACCOUNT)).isEqualTo(2);
  }

  @Test
  void testsGetIsolatedDatabases() throws Exception {
    TestDatabase other = PostgresExtension.newDatabase();
    // The same ids as in world() insert cleanly into another database.
    other
        .dsl()
        .execute("INSERT INTO account (id, name) VALUES ('100001', 'Acme'), ('100002', 'Globex')");
    assertThat(other.dsl().fetchCount(ACCOUNT)).isEqualTo(2);
  }

  @Test
  void aConnectionAccountOrTariffOnABillCannotBeDeleted_D9() {
    insertConnection("pcx-00000001", "vpc-cccccccc", "ap-beijing", "CROSS_REGION", "ACTIVE", 100);
    insertConnection("pcx-00000002", "vpc-bbbbbbbb", "ap-guangzhou", "SAME_REGION", "ACTIVE", null);
    long tariff =
        sql.insertInto(TARIFF)
            .set(TARIFF.PAIR_CLASS, "cn-mainland:cn-mainland")
            .set(TARIFF.EFFECTIVE_FROM, java.time.LocalDate.of(2026, 1, 1))
            .set(TARIFF.TIER_MODEL, "VOLUME")
            .set(TARIFF.CURRENCY, "CNY")
            .returning(TARIFF.ID)
            .fetchSingle(TARIFF.ID);
    sql.execute(
        """
        INSERT INTO bill_line (connection_id, bill_day, zone, payer_account_id, pair_class, status,
          peak_mbps, cap_mbps, billed_mbps, tariff_id, amount, currency, buckets_with_data,
          buckets_active)
        VALUES ('pcx-00000001', '2026-11-25', 'Asia/Shanghai', '100001',
          'cn-mainland:cn-mainland', 'BILLED', 80, 100, 80, ?, 120.00, 'CNY', 288, 288)
        """,
        tariff);

    assertRefusedBy(
        "peering_connection pcx-00000001 is on a bill",
        () -> sql.execute("DELETE FROM peering_connection WHERE id = 'pcx-00000001'"));
    assertRefusedBy(
        "account 100001 is on a bill",
        () -> sql.execute("DELETE FROM account WHERE id = '100001'"));
    assertRefusedBy("is on a bill", () -> sql.execute("DELETE FROM tariff WHERE id = ?", tariff));
    // Nothing refuses what no bill refers to.
    assertThat(sql.execute("DELETE FROM peering_connection WHERE id = 'pcx-00000002'"))
        .isEqualTo(1);
  }

  private static void assertRefusedBy(String constraint, Runnable write) {
    assertThatThrownBy(write::run)
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining(constraint);
  }
}
