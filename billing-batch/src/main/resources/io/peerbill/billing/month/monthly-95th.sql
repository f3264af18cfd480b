-- The month's 95th percentile of every MONTHLY_95TH connection active during
-- [month_start, month_end) (D13), appended to month-points.sql (the month's points, one
-- definition for billing and the statement pages). Sorted descending, the top floor(N / 20) are
-- dropped and the next one is billed; its bucket's start is kept too (ties: the earliest).
-- N = 0: no point, no value.
, percentiles AS (
    SELECT connection_id,
           count(*) AS points,
           (array_agg(peak_bytes ORDER BY peak_bytes DESC, bucket_start))[count(*) / 20 + 1]
               AS p95_bytes,
           (array_agg(bucket_start ORDER BY peak_bytes DESC, bucket_start))[count(*) / 20 + 1]
               AS p95_at
      FROM points
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
)
SELECT c.id AS connection_id,
       c.scope = 'CROSS_REGION' AS cross_region,
       c.requester_account_id,
       c.accepter_account_id,
       requester_region.geo_zone AS requester_geo_zone,
       accepter_region.geo_zone AS accepter_geo_zone,
       coalesce(p.points, 0) AS points,
       p.p95_bytes,
       p.p95_at,
       d.active_days::integer AS active_days,
       cap.cap_mbps
  FROM active_days d
  JOIN peering_connection c ON c.id = d.connection_id
  JOIN region requester_region ON requester_region.code = c.requester_region
  JOIN region accepter_region ON accepter_region.code = c.accepter_region
  LEFT JOIN percentiles p ON p.connection_id = c.id
  LEFT JOIN caps cap ON cap.connection_id = c.id
 ORDER BY c.id
