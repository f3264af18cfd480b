-- The cap in force (D3, D6), one definition for billing, statements and the stream: the spans
-- over which each cap held. A change holds from its effective instant until the next one; of two
-- changes effective at the same instant the later recorded wins (the earlier never held). A
-- connection without recorded history holds its current cap over all time. Every change is
-- recorded from creation on, so before the first one the connection did not exist and nothing is
-- in force.
CREATE VIEW cap_in_force AS
WITH changes AS (
    SELECT DISTINCT ON (connection_id, effective_from) connection_id, effective_from, cap_mbps
      FROM bandwidth_cap_change
     ORDER BY connection_id, effective_from, id DESC
)
SELECT connection_id,
       cap_mbps,
       effective_from AS in_force_from,
       lead(effective_from, 1, 'infinity'::timestamptz)
           OVER (PARTITION BY connection_id ORDER BY effective_from) AS in_force_to
  FROM changes
UNION ALL
SELECT c.id, c.bandwidth_cap_mbps, '-infinity'::timestamptz, 'infinity'::timestamptz
  FROM peering_connection c
 WHERE c.bandwidth_cap_mbps IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM bandwidth_cap_change b WHERE b.connection_id = c.id);

COMMENT ON VIEW cap_in_force IS
    'caps by span [in_force_from, in_force_to): the one definition billing, statements and the stream read';
