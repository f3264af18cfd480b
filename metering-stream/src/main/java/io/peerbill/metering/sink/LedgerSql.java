package io.peerbill.metering.sink;

/**
 * The statements of {@link LedgerBatch}. Rows travel as one array per column (bound directly, so
 * the driver sends them in binary) and are unnested by PostgreSQL; a day is an epoch day number, a
 * bucket its start in epoch milliseconds, seqs inclusive ranges [lo, hi].
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
   * Locks the batch's ledger rows (in key order, so two writers sharing keys queue instead of
   * deadlocking) and returns, per key, the ranges of the batch's seqs that the row holds already.
   */
  static final String LOCK_AND_FIND_COUNTED =
      """
      WITH b AS (
        SELECT c, r, DATE '1970-01-01' + d AS day, range_agg(int8range(lo, hi, '[]')) AS seqs
          FROM unnest(?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[]) AS b(c, r, d, lo, hi)
         GROUP BY 1, 2, 3
      ),
      l AS MATERIALIZED (
        SELECT l.connection_id, l.reporter, l.day, l.seqs * b.seqs AS counted
          FROM sample_ledger l
          JOIN b ON l.connection_id = b.c AND l.reporter = b.r AND l.day = b.day
         ORDER BY l.connection_id, l.reporter, l.day
           FOR UPDATE OF l
      )
      SELECT l.connection_id, l.reporter, l.day - DATE '1970-01-01', lower(x), upper(x) - 1
        FROM l, unnest(l.counted) AS x
       WHERE NOT isempty(l.counted)
       ORDER BY 1, 2, 3, 4
      """;

  /** Adds the fresh samples' 5-minute bucket sums and their seqs to the ledger. */
  static final String ADD = add(addTo("fives", "traffic_5m"));

  /** As {@link #ADD}, and the 1-minute bucket sums (bound first) to traffic_1m. */
  static final String ADD_WITH_MINUTES =
      add(addTo("minutes", "traffic_1m") + ",\n" + addTo("fives", "traffic_5m"));

  private static String add(String bucketWrites) {
    return """
        WITH %s,
        n AS (
          SELECT c, r, DATE '1970-01-01' + d AS day, range_agg(int8range(lo, hi, '[]')) AS seqs
            FROM unnest(?::text[], ?::text[], ?::int4[], ?::int8[], ?::int8[]) AS n(c, r, d, lo, hi)
           GROUP BY 1, 2, 3
        )
        UPDATE sample_ledger l SET seqs = l.seqs + n.seqs, updated_at = now()
          FROM n
         WHERE l.connection_id = n.c AND l.reporter = n.r AND l.day = n.day
        """
        .formatted(bucketWrites);
  }

  /** The CTE adding bucket sums to one table's rows (in key order, see above). */
  private static String addTo(String name, String table) {
    return """
        %1$s AS (
          INSERT INTO %2$s AS t (connection_id, bucket_start, in_bytes, out_bytes, in_packets,
                                 out_packets, in_dropped, out_dropped, sample_count)
          SELECT c, to_timestamp(b / 1000.0), ib, ob, ip, op, id, od, n
            FROM unnest(?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],
                        ?::int8[], ?::int8[], ?::int8[]) AS s(c, b, ib, ob, ip, op, id, od, n)
           ORDER BY c, b
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
        .formatted(name, table);
  }
}
