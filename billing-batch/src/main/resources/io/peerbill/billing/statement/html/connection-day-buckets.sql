-- The 5-minute buckets of a billing day [day_start, day_end) of the given connections as billing
-- counts them (job/daily-peak.sql, D5): traffic_5m plus the TOO_LATE samples folded into the bucket
-- that contains ts - 1 ms. One query for a whole chunk of statements. Which of them overlap the
-- connection's ACTIVE time is decided by TrafficChart (it has the active spans); filtered here, the
-- query's generic plan (a prepared statement's, after five runs) re-scanned the spans per bucket.
WITH late AS (
    SELECT r.connection_id,
           to_timestamp(floor(extract(epoch FROM r.ts - interval '1 millisecond') / 300) * 300)
               AS bucket_start,
           sum(r.in_bytes)::bigint AS in_bytes,
           sum(r.out_bytes)::bigint AS out_bytes
      FROM rejected_sample r
     WHERE r.reason = 'TOO_LATE'
       AND r.connection_id = ANY(:ids)
       AND r.ts >= CAST(:day_start AS timestamptz) + interval '1 millisecond'
       AND r.ts < CAST(:day_end AS timestamptz) + interval '1 millisecond'
     GROUP BY 1, 2
)
SELECT coalesce(t.connection_id, l.connection_id) AS connection_id,
       coalesce(t.bucket_start, l.bucket_start) AS bucket_start,
       coalesce(t.in_bytes, 0) + coalesce(l.in_bytes, 0) AS in_bytes,
       coalesce(t.out_bytes, 0) + coalesce(l.out_bytes, 0) AS out_bytes
  FROM (SELECT connection_id, bucket_start, in_bytes, out_bytes
          FROM traffic_5m
         WHERE connection_id = ANY(:ids)
           AND bucket_start >= CAST(:day_start AS timestamptz)
           AND bucket_start < CAST(:day_end AS timestamptz)) t
  FULL JOIN late l ON l.connection_id = t.connection_id AND l.bucket_start = t.bucket_start
