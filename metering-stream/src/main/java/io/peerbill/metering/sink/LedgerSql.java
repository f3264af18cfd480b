package io.peerbill.metering.sink;

/**
 * The statements of {@link SampleLedgerWriter}. Rows travel as one array per column (bound
 * directly, so the driver sends them in binary) and are unnested by PostgreSQL; a day is an epoch
 * day number, a bucket its start in epoch milliseconds.
 */
final class LedgerSql {

  private LedgerSql() {}

  static final String INSERT_KEYS =
      """
      INSERT INTO sample_ledger (connection_id, reporter, day, seqs)
      SELECT k.c, k.r, DATE '1970-01-01' + k.d, '{}'::int8multirange
        FROM unnest(?::text[], ?::text[], ?::int4[]) AS k(c, r, d)
      ON CONFLICT DO NOTHING
      """;

  /**
   * One statement: lock the batch's ledger rows (in key order, so two writers sharing keys queue
   * instead of deadlocking), keep the samples they do not hold, add those to both tables (rows in
   * key order, for the same reason) and their seqs to the ledger; returns how many were added.
   */
  static final String ADD_FRESH =
      """
      WITH s AS MATERIALIZED (
        SELECT * FROM unnest(?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[], ?::int8[],
                             ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[])
                 AS s(c, r, d, q, m1, m5, ib, ob, ip, op, id, od)
      ),
      l AS MATERIALIZED (
        SELECT l.connection_id, l.reporter, l.day, l.seqs
          FROM sample_ledger l
         WHERE (l.connection_id, l.reporter, l.day) IN
               (SELECT DISTINCT s.c, s.r, DATE '1970-01-01' + s.d FROM s)
         ORDER BY l.connection_id, l.reporter, l.day
           FOR UPDATE
      ),
      fresh AS MATERIALIZED (
        SELECT s.*
          FROM s JOIN l ON l.connection_id = s.c AND l.reporter = s.r
                       AND l.day = DATE '1970-01-01' + s.d
         WHERE NOT l.seqs @> s.q
      ),
      %s,
      %s,
      ledger AS (
        UPDATE sample_ledger l SET seqs = l.seqs + n.seqs, updated_at = now()
          FROM (SELECT c, r, d, range_agg(int8range(q, q, '[]')) AS seqs
                  FROM fresh GROUP BY c, r, d) n
         WHERE l.connection_id = n.c AND l.reporter = n.r AND l.day = DATE '1970-01-01' + n.d
      )
      SELECT count(*) FROM fresh
      """
          .formatted(addTo("minutes", "traffic_1m", "m1"), addTo("fives", "traffic_5m", "m5"));

  /** The CTE adding the fresh samples, summed per bucket, to one table's rows. */
  private static String addTo(String name, String table, String bucket) {
    return """
        %1$s AS (
          INSERT INTO %2$s AS t (connection_id, bucket_start, in_bytes, out_bytes, in_packets,
                                 out_packets, in_dropped, out_dropped, sample_count)
          SELECT c, to_timestamp(%3$s / 1000.0), sum(ib), sum(ob), sum(ip), sum(op), sum(id),
                 sum(od), count(*)
            FROM fresh GROUP BY c, %3$s ORDER BY c, %3$s
          ON CONFLICT (connection_id, bucket_start) DO UPDATE SET
              in_bytes = t.in_bytes + excluded.in_bytes,
              out_bytes = t.out_bytes + excluded.out_bytes,
              in_packets = t.in_packets + excluded.in_packets,
              out_packets = t.out_packets + excluded.out_packets,
              in_dropped = t.in_dropped + excluded.in_dropped,
              out_dropped = t.out_dropped + excluded.out_dropped,
              sample_count = t.sample_count + excluded.sample_count,
              updated_at = now()
        )"""
        .formatted(name, table, bucket);
  }
}
