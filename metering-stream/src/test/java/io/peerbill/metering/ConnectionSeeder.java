package io.peerbill.metering;

import io.peerbill.tools.gen.GeneratedFleet;
import io.peerbill.tools.gen.GeneratorSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * The job's tests' connections under the generator's fixed ids (pcx-g0000001 …), which their inputs
 * are built on: the rows {@link GeneratedFleet} registers through the peering service (same
 * accounts, regions, scopes and caps), written straight to the lifecycle tables because the service
 * gives ids of its own. Idempotent. Only tests use it: {@code gen-samples --register} and the
 * stream bench register through the service.
 */
public final class ConnectionSeeder {

  public static final String ACCOUNT_A = GeneratedFleet.ACCOUNT_A;
  public static final String ACCOUNT_B = GeneratedFleet.ACCOUNT_B;
  public static final int CROSS_REGION_CAP_MBPS = GeneratedFleet.CROSS_REGION_CAP_MBPS;

  private ConnectionSeeder() {}

  /** Creates connections 1..count (ids as {@link GeneratorSpec#connectionId}) active from then. */
  public static void seed(DSLContext sql, int count, Instant activeFrom) {
    OffsetDateTime from = OffsetDateTime.ofInstant(activeFrom, ZoneOffset.UTC);
    sql.execute(
        """
        INSERT INTO account (id, name) VALUES ('100001', 'Generated A'), ('100002', 'Generated B')
          ON CONFLICT DO NOTHING;
        INSERT INTO region (code, name, geo_zone) VALUES
          ('ap-guangzhou', 'Guangzhou', 'cn-mainland'), ('ap-beijing', 'Beijing', 'cn-mainland')
          ON CONFLICT DO NOTHING;
        """);
    sql.execute(
        """
        INSERT INTO vpc (id, account_id, region, name)
        SELECT 'vpc-g' || lpad(i::text, 7, '0') || side, acct, region, 'generated'
          FROM generate_series(1, ?::int) i,
               LATERAL (VALUES ('a', '100001', 'ap-guangzhou'),
                               ('b', '100002', CASE WHEN i % 2 = 1 THEN 'ap-beijing'
                                                    ELSE 'ap-guangzhou' END)) v(side, acct, region)
        ON CONFLICT DO NOTHING
        """,
        count);
    sql.execute(
        """
        INSERT INTO peering_connection (id, name, requester_vpc_id, requester_account_id,
          requester_region, accepter_vpc_id, accepter_account_id, accepter_region, scope, state,
          bandwidth_cap_mbps, created_at, accepted_at)
        SELECT 'pcx-g' || lpad(i::text, 7, '0'), 'generated ' || i,
               'vpc-g' || lpad(i::text, 7, '0') || 'a', '100001', 'ap-guangzhou',
               'vpc-g' || lpad(i::text, 7, '0') || 'b', '100002',
               CASE WHEN i % 2 = 1 THEN 'ap-beijing' ELSE 'ap-guangzhou' END,
               CASE WHEN i % 2 = 1 THEN 'CROSS_REGION' ELSE 'SAME_REGION' END, 'ACTIVE',
               CASE WHEN i % 2 = 1 THEN ?::int END, ?::timestamptz, ?::timestamptz
          FROM generate_series(1, ?::int) i
        ON CONFLICT DO NOTHING
        """,
        CROSS_REGION_CAP_MBPS, from, from, count);
    sql.execute(
        """
        INSERT INTO peering_event (connection_id, from_state, to_state, actor_account_id,
          occurred_at)
        SELECT c.id, 'PENDING_ACCEPTANCE', 'ACTIVE', '100002', c.accepted_at
          FROM peering_connection c
         WHERE c.id LIKE 'pcx-g%' AND c.accepted_at = ?::timestamptz
           AND NOT EXISTS (SELECT 1 FROM peering_event e WHERE e.connection_id = c.id)
        """,
        from);
    sql.execute(
        """
        INSERT INTO bandwidth_cap_change (connection_id, cap_mbps, effective_from,
          actor_account_id)
        SELECT c.id, c.bandwidth_cap_mbps, c.accepted_at, '100001'
          FROM peering_connection c
         WHERE c.id LIKE 'pcx-g%' AND c.scope = 'CROSS_REGION' AND c.accepted_at = ?::timestamptz
           AND NOT EXISTS (SELECT 1 FROM bandwidth_cap_change b WHERE b.connection_id = c.id)
        """,
        from);
  }
}
