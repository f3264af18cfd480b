-- The month's 95th percentile of every MONTHLY_95TH connection active during
-- [month_start, month_end) (D13), appended to month-points.sql (the month's points, one
-- definition for billing and the statement pages). Sorted descending, the top floor(N / 20) are
-- dropped and the next one is billed; its bucket's start is kept too (ties: the earliest first, so
-- the billed one is the (floor(N / 20) + 1)-th of (peak_bytes DESC, bucket_start)). N = 0: no
-- point, no value.
--
-- Two ways to the same point. A connection ACTIVE the whole month has every bucket of the month as
-- a point, so no join to the ACTIVE intervals is needed: the month's buckets go, sorted by
-- connection (two parallel workers), into one ordered-set aggregate per connection, the plan and
-- nearly the cost of the bare percentile_disc over the month (one more bigint expression a row).
-- It aggregates every connection with traffic in the month and keeps those billed by the month
-- whole: restricting the scan to them by key (connection_id = ANY) was a serial plan, 3.2x the bare
-- aggregate at 10,000 connections; a deployment with few MONTHLY_95TH connections among many daily
-- ones pays for the others' buckets here. Every other connection's points are taken one by one
-- through month-points.sql.
--
-- The one sort: a point's key is peak_bytes * 2^14 + (2^14 - 1 - slot), slot = the bucket's
-- 5-minute slot from the month's first (at most 31 x 288 + 12 < 2^14), so keys ascend by
-- (peak_bytes, bucket_start DESC) and descending they are the order above. percentile_disc(0.95)
-- takes the ceil(0.95 N)-th ascending = the (floor(N / 20) + 1)-th descending (0.95 N is never
-- rounded past an integer: the double 0.95 is below 0.95). Both halves come back out of the key
-- exactly. A point the key cannot hold (peak_bytes >= 2^49, i.e. over 15 Tbit/s in the bucket, or a
-- bucket not on a 5-minute boundary) has no key; its connection goes the other way.
, whole_month AS (
    SELECT DISTINCT connection_id
      FROM active
     WHERE from_ts = CAST(:month_start AS timestamptz)
       AND to_ts = CAST(:month_end AS timestamptz)
),
keyed AS (
    SELECT t.connection_id,
           CASE WHEN greatest(t.in_bytes, t.out_bytes) < 562949953421312
                 AND date_bin('5 minutes', t.bucket_start, TIMESTAMPTZ 'epoch') = t.bucket_start
                THEN greatest(t.in_bytes, t.out_bytes) * 16384 + 16383
                     - (date_part('epoch', t.bucket_start)::bigint
                        - date_part('epoch', date_bin('5 minutes',
                              CAST(:month_start AS timestamptz), TIMESTAMPTZ 'epoch'))::bigint)
                       / 300
           END AS point_key
      FROM billable_traffic_5m t
     WHERE t.bucket_start >= CAST(:month_start AS timestamptz)
       AND t.bucket_start < CAST(:month_end AS timestamptz)
),
-- Materialized: planned on its own it is the bare aggregate's plan, never a join below it (a CTE
-- scan below it would keep the workers out).
all_percentiles AS MATERIALIZED (
    SELECT connection_id,
           count(*) AS points,
           count(point_key) AS keyed_points,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY point_key) AS p95_key
      FROM keyed
     GROUP BY connection_id
),
whole_month_percentiles AS (
    SELECT p.*
      FROM all_percentiles p
      JOIN whole_month w ON w.connection_id = p.connection_id
     WHERE p.keyed_points = p.points
),
-- Active part of the month, without traffic, or with a point the key cannot hold.
one_by_one AS (
    SELECT connection_id FROM active
    EXCEPT
    SELECT connection_id FROM whole_month_percentiles
),
percentiles AS (
    SELECT connection_id,
           points,
           p95_key >> 14 AS p95_bytes,
           date_bin('5 minutes', CAST(:month_start AS timestamptz), TIMESTAMPTZ 'epoch')
               + (16383 - (p95_key & 16383)) * interval '5 minutes' AS p95_at
      FROM whole_month_percentiles
    UNION ALL
    SELECT connection_id,
           count(*) AS points,
           (array_agg(peak_bytes ORDER BY peak_bytes DESC, bucket_start))[count(*) / 20 + 1]
               AS p95_bytes,
           (array_agg(bucket_start ORDER BY peak_bytes DESC, bucket_start))[count(*) / 20 + 1]
               AS p95_at
      FROM points
     WHERE connection_id IN (SELECT connection_id FROM one_by_one)
     GROUP BY connection_id
),
-- The highest cap in force at any moment of the month (D6, D13), from the one definition of it.
caps AS (
    SELECT connection_id, max(cap_mbps) AS cap_mbps
      FROM cap_in_force
     WHERE in_force_from < CAST(:month_end AS timestamptz)
       AND in_force_to > CAST(:month_start AS timestamptz)
       AND connection_id IN (SELECT connection_id FROM monthly)
     GROUP BY connection_id
),
-- Calendar days of the zone with any ACTIVE time (D13).
active_days AS (
    SELECT connection_id,
           sum(((to_ts - interval '1 microsecond') AT TIME ZONE :zone)::date
               - (from_ts AT TIME ZONE :zone)::date + 1) AS active_days
      FROM active
     GROUP BY connection_id
),
-- One row per connection of the three above, whatever the planner guesses of their sizes (it
-- takes the month's connections for a handful and would join them pairwise).
facts AS (
    SELECT connection_id,
           max(active_days) AS active_days,
           max(points) AS points,
           max(p95_bytes) AS p95_bytes,
           max(p95_at) AS p95_at,
           max(cap_mbps) AS cap_mbps
      FROM (SELECT connection_id, active_days, NULL::bigint AS points, NULL::bigint AS p95_bytes,
                   NULL::timestamptz AS p95_at, NULL::integer AS cap_mbps
              FROM active_days
            UNION ALL
            SELECT connection_id, NULL, points, p95_bytes, p95_at, NULL FROM percentiles
            UNION ALL
            SELECT connection_id, NULL, NULL, NULL, NULL, cap_mbps FROM caps) f
     GROUP BY connection_id
    HAVING max(active_days) IS NOT NULL
)
SELECT c.id AS connection_id,
       c.scope = 'CROSS_REGION' AS cross_region,
       c.requester_account_id,
       c.accepter_account_id,
       requester_region.geo_zone AS requester_geo_zone,
       accepter_region.geo_zone AS accepter_geo_zone,
       coalesce(f.points, 0) AS points,
       f.p95_bytes,
       f.p95_at,
       f.active_days::integer AS active_days,
       f.cap_mbps
  FROM facts f
  JOIN peering_connection c ON c.id = f.connection_id
  JOIN region requester_region ON requester_region.code = c.requester_region
  JOIN region accepter_region ON accepter_region.code = c.accepter_region
 ORDER BY c.id
