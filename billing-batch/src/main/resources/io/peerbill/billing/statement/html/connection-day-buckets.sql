-- The 5-minute buckets of a billing day [day_start, day_end) of the given connections as billing
-- counts them (job/daily-peak.sql, D5, D9): traffic_5m plus the TOO_LATE samples folded into the
-- bucket that contains ts - 1 ms, keeping only buckets that overlap the connection's ACTIVE time.
-- The chart's peak therefore is the billed peak (StatementHtmlTest checks that both agree).
-- One query for a whole chunk of statements; the caller orders each connection's buckets (a sort
-- here compares text ids under the database's collation, which cost more than the query).
-- Materialized: inlined, the view behind `active` would be evaluated once per bucket.
WITH active AS MATERIALIZED (
    SELECT i.connection_id,
           greatest(i.active_from, CAST(:day_start AS timestamptz)) AS from_ts,
           least(coalesce(i.active_to, 'infinity'::timestamptz), CAST(:day_end AS timestamptz)) AS to_ts
      FROM peering_active_interval i
     WHERE i.connection_id IN (:ids)
       AND i.active_from < CAST(:day_end AS timestamptz)
       AND (i.active_to IS NULL OR i.active_to > CAST(:day_start AS timestamptz))
),
late AS (
    SELECT r.connection_id,
           to_timestamp(floor(extract(epoch FROM r.ts - interval '1 millisecond') / 300) * 300)
               AS bucket_start,
           sum(r.in_bytes)::bigint AS in_bytes,
           sum(r.out_bytes)::bigint AS out_bytes
      FROM rejected_sample r
     WHERE r.reason = 'TOO_LATE'
       AND r.connection_id IN (:ids)
       AND r.ts >= CAST(:day_start AS timestamptz) + interval '1 millisecond'
       AND r.ts < CAST(:day_end AS timestamptz) + interval '1 millisecond'
     GROUP BY 1, 2
),
buckets AS (
    SELECT coalesce(t.connection_id, l.connection_id) AS connection_id,
           coalesce(t.bucket_start, l.bucket_start) AS bucket_start,
           coalesce(t.in_bytes, 0) + coalesce(l.in_bytes, 0) AS in_bytes,
           coalesce(t.out_bytes, 0) + coalesce(l.out_bytes, 0) AS out_bytes
      FROM (SELECT connection_id, bucket_start, in_bytes, out_bytes
              FROM traffic_5m
             WHERE connection_id IN (:ids)
               AND bucket_start >= CAST(:day_start AS timestamptz)
               AND bucket_start < CAST(:day_end AS timestamptz)) t
      FULL JOIN late l ON l.connection_id = t.connection_id AND l.bucket_start = t.bucket_start
)
SELECT b.connection_id, b.bucket_start, b.in_bytes, b.out_bytes
  FROM buckets b
 WHERE EXISTS (SELECT 1
                 FROM active a
                WHERE a.connection_id = b.connection_id
                  AND b.bucket_start < a.to_ts
                  AND b.bucket_start + interval '5 minutes' > a.from_ts)
