-- A connection's ACTIVE time, derived from its transition record (D1): from the event that made
-- it ACTIVE to the event that ended it (NULL while still active). Peering, metering (which
-- samples count, D12) and billing (which buckets count, D9) all read this one definition.
CREATE VIEW peering_active_interval AS
SELECT became_active.connection_id,
       became_active.occurred_at AS active_from,
       (SELECT min(ended.occurred_at)
          FROM peering_event ended
         WHERE ended.connection_id = became_active.connection_id
           AND ended.from_state = 'ACTIVE'
           AND ended.occurred_at >= became_active.occurred_at) AS active_to
  FROM peering_event became_active
 WHERE became_active.to_state = 'ACTIVE';
