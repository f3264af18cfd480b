-- One connection's 5-minute buckets of one billing day [day_start, day_end) as billing counts them
-- (job/daily-peak.sql, D5, D9): traffic_5m plus the TOO_LATE samples folded into the bucket that
-- contains ts - 1 ms, keeping only buckets that overlap the connection's ACTIVE time. The chart's
-- peak therefore is the billed peak (StatementHtmlTest checks that both agree).
WITH active AS (
    SELECT greatest(i.active_from, CAST(:day_start AS timestamptz)) AS from_ts,
           least(coalesce(i.active_to, 'infinity'::timestamptz), CAST(:day_end AS timestamptz)) AS to_ts
      FROM peering_active_interval i
     WHERE i.connection_id = :connection_id
       AND i.active_from < CAST(:day_end AS timestamptz)
       AND (i.active_to IS NULL OR i.active_to > CAST(:day_start AS timestamptz))
),
late AS (
    SELECT to_timestamp(floor(extract(epoch FROM r.ts - interval '1 millisecond') / 300) * 300)
               AS bucket_start,
           sum(r.in_bytes)::bigint AS in_bytes,
           sum(r.out_bytes)::bigint AS out_bytes
      FROM rejected_sample r
     WHERE r.reason = 'TOO_LATE'
       AND r.connection_id = :connection_id
       AND r.ts >= CAST(:day_start AS timestamptz) + interval '1 millisecond'
       AND r.ts < CAST(:day_end AS timestamptz) + interval '1 millisecond'
     GROUP BY 1
),
buckets AS (
    SELECT coalesce(t.bucket_start, l.bucket_start) AS bucket_start,
           coalesce(t.in_bytes, 0) + coalesce(l.in_bytes, 0) AS in_bytes,
           coalesce(t.out_bytes, 0) + coalesce(l.out_bytes, 0) AS out_bytes
      FROM (SELECT bucket_start, in_bytes, out_bytes
              FROM traffic_5m
             WHERE connection_id = :connection_id
               AND bucket_start >= CAST(:day_start AS timestamptz)
               AND bucket_start < CAST(:day_end AS timestamptz)) t
      FULL JOIN late l ON l.bucket_start = t.bucket_start
)
SELECT b.bucket_start, b.in_bytes, b.out_bytes
  FROM buckets b
 WHERE EXISTS (SELECT 1
                 FROM active a
                WHERE b.bucket_start < a.to_ts
                  AND b.bucket_start + interval '5 minutes' > a.from_ts)
 ORDER BY b.bucket_start
