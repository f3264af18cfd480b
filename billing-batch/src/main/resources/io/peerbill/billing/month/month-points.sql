-- The points of a month (D13), the head of every query over them: for each MONTHLY_95TH
-- connection active during [month_start, month_end), the 5-minute buckets of billable_traffic_5m
-- (late samples included) that overlap its ACTIVE time (peering_active_interval, as the daily
-- peak counts them), each valued by its higher direction (peak_bytes). CTEs: monthly, active,
-- points; a query goes on with ", name AS (...) SELECT ...".
WITH monthly AS (
    SELECT connection_id FROM monthly_95th_connections(CAST(:month_start AS timestamptz))
),
active AS (
    SELECT i.connection_id,
           greatest(i.active_from, CAST(:month_start AS timestamptz)) AS from_ts,
           least(coalesce(i.active_to, 'infinity'::timestamptz), CAST(:month_end AS timestamptz))
               AS to_ts
      FROM peering_active_interval i
      JOIN monthly m ON m.connection_id = i.connection_id
     WHERE i.active_from < CAST(:month_end AS timestamptz)
       AND (i.active_to IS NULL OR i.active_to > CAST(:month_start AS timestamptz))
),
points AS (
    SELECT t.connection_id, t.bucket_start, greatest(t.in_bytes, t.out_bytes) AS peak_bytes
      FROM billable_traffic_5m t
      JOIN active a ON a.connection_id = t.connection_id
     WHERE t.bucket_start >= CAST(:month_start AS timestamptz)
       AND t.bucket_start < CAST(:month_end AS timestamptz)
       AND t.bucket_start < a.to_ts
       AND t.bucket_start + interval '5 minutes' > a.from_ts
)
