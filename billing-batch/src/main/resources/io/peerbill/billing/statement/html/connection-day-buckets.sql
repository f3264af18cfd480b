-- The 5-minute buckets of a billing day [day_start, day_end) of the given connections as billing
-- counts them (billable_traffic_5m, D5). One query for a whole chunk of statements. Which of them
-- overlap the connection's ACTIVE time is decided by TrafficChart (it has the active spans);
-- filtered here, the query's generic plan (a prepared statement's, after five runs) re-scanned the
-- spans per bucket.
SELECT connection_id, bucket_start, in_bytes, out_bytes
  FROM billable_traffic_5m
 WHERE connection_id = ANY(:ids)
   AND bucket_start >= CAST(:day_start AS timestamptz)
   AND bucket_start < CAST(:day_end AS timestamptz)
