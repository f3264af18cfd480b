-- A connection's 1-minute buckets in [from, to) (traffic_1m, written when the stream keeps them), with
-- the cap in force at each bucket's start (cap_in_force, the one definition of the cap).
SELECT t.bucket_start, t.in_bytes, t.out_bytes, t.in_packets, t.out_packets, t.in_dropped,
       t.out_dropped, t.sample_count, cap.cap_mbps
  FROM traffic_1m t
  LEFT JOIN cap_in_force cap
         ON cap.connection_id = t.connection_id
        AND t.bucket_start >= cap.in_force_from AND t.bucket_start < cap.in_force_to
 WHERE t.connection_id = ? AND t.bucket_start >= CAST(? AS timestamptz) AND t.bucket_start < CAST(? AS timestamptz)
 ORDER BY t.bucket_start
