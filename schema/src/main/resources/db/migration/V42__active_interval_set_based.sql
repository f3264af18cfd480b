-- The same ACTIVE time as V3 (from the event that made a connection ACTIVE to the first event at
-- or after it that left ACTIVE; NULL while still active), computed in one pass over each
-- connection's transitions in time order instead of one index probe per interval (two, when a
-- query filters on active_to). Billing reads every connection's intervals each night: the probes
-- cost more than the rest of its lookups together. RANGE ... CURRENT ROW includes events at the
-- same instant, as V3's ">=" did. Filters on connection_id still reach the table (the window is
-- partitioned by it).
CREATE OR REPLACE VIEW peering_active_interval AS
SELECT connection_id,
       occurred_at AS active_from,
       active_to
  FROM (SELECT e.connection_id,
               e.occurred_at,
               e.to_state,
               min(e.occurred_at) FILTER (WHERE e.from_state = 'ACTIVE')
                   OVER (PARTITION BY e.connection_id ORDER BY e.occurred_at
                         RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS active_to
          FROM peering_event e) transitions
 WHERE to_state = 'ACTIVE';
