-- The daily peak of every DAILY_PEAK connection active during [day_start, day_end) (D5, D9), in one
-- streamed aggregate. A bucket counts when it overlaps the connection's ACTIVE time
-- (peering_active_interval); the stream drops samples outside that time (NOT_ACTIVE), so a bucket
-- cut by activation or deletion holds only active traffic. The buckets are billable_traffic_5m,
-- late samples included. Readers order by connection so a restart resumes exactly.
WITH active AS (
    SELECT i.connection_id,
           greatest(i.active_from, CAST(:day_start AS timestamptz)) AS from_ts,
           least(coalesce(i.active_to, 'infinity'::timestamptz), CAST(:day_end AS timestamptz)) AS to_ts
      FROM peering_active_interval i
     WHERE i.active_from < CAST(:day_end AS timestamptz)
       AND (i.active_to IS NULL OR i.active_to > CAST(:day_start AS timestamptz))
       -- Billed by the month instead (D13): no daily line at all.
       AND i.connection_id NOT IN
           (SELECT m.connection_id FROM monthly_95th_connections(CAST(:day_start AS timestamptz)) m)
),
-- Connections whose buckets must be taken one by one: active for only part of the day. Every
-- other active connection's peak is the plain aggregate.
special AS (
    SELECT DISTINCT connection_id
      FROM active
     WHERE from_ts > CAST(:day_start AS timestamptz) OR to_ts < CAST(:day_end AS timestamptz)
),
-- Materialized: planned on its own it is the bare hash aggregate, never a sort of the day's rows.
plain_peaks AS MATERIALIZED (
    SELECT t.connection_id,
           max(greatest(t.in_bytes, t.out_bytes)) AS peak_bytes,
           count(*) AS buckets_with_data
      FROM billable_traffic_5m t
     WHERE t.bucket_start >= CAST(:day_start AS timestamptz)
       AND t.bucket_start < CAST(:day_end AS timestamptz)
     GROUP BY t.connection_id
),
special_buckets AS (
    SELECT connection_id, bucket_start, greatest(in_bytes, out_bytes) AS peak_bytes
      FROM billable_traffic_5m
     WHERE bucket_start >= CAST(:day_start AS timestamptz)
       AND bucket_start < CAST(:day_end AS timestamptz)
       AND connection_id IN (SELECT connection_id FROM special)
),
special_peaks AS (
    SELECT a.connection_id,
           max(b.peak_bytes)::bigint AS peak_bytes,
           count(*) AS buckets_with_data
      FROM active a
      JOIN special_buckets b ON b.connection_id = a.connection_id
                            AND b.bucket_start < a.to_ts
                            AND b.bucket_start + interval '5 minutes' > a.from_ts
     GROUP BY a.connection_id
),
-- The highest cap in force at any moment of the day (D6), from the one definition of it.
caps AS (
    SELECT connection_id, max(cap_mbps) AS cap_mbps
      FROM cap_in_force
     WHERE in_force_from < CAST(:day_end AS timestamptz)
       AND in_force_to > CAST(:day_start AS timestamptz)
     GROUP BY connection_id
),
active_buckets AS (
    -- 5-minute buckets overlapping each active interval, counted arithmetically.
    SELECT connection_id,
           sum(ceil(extract(epoch FROM to_ts) / 300) - floor(extract(epoch FROM from_ts) / 300))
               AS buckets_active
      FROM active
     GROUP BY connection_id
)
SELECT c.id AS connection_id,
       c.scope = 'CROSS_REGION' AS cross_region,
       c.requester_account_id,
       c.accepter_account_id,
       requester_region.geo_zone AS requester_geo_zone,
       accepter_region.geo_zone AS accepter_geo_zone,
       CASE WHEN s.connection_id IS NULL THEN pp.peak_bytes ELSE sp.peak_bytes END AS peak_bytes,
       coalesce(CASE WHEN s.connection_id IS NULL THEN pp.buckets_with_data
                     ELSE sp.buckets_with_data END, 0) AS buckets_with_data,
       ab.buckets_active::integer AS buckets_active,
       cap.cap_mbps
  FROM active_buckets ab
  JOIN peering_connection c ON c.id = ab.connection_id
  JOIN region requester_region ON requester_region.code = c.requester_region
  JOIN region accepter_region ON accepter_region.code = c.accepter_region
  LEFT JOIN special s ON s.connection_id = c.id
  LEFT JOIN plain_peaks pp ON pp.connection_id = c.id
  LEFT JOIN special_peaks sp ON sp.connection_id = c.id
  LEFT JOIN caps cap ON cap.connection_id = c.id
