-- Announces every change to what a connection's usage reads (its buckets, caps, state history):
-- one notice per statement on channel peerbill_traffic, delivered at commit (PostgreSQL folds
-- repeats within a transaction into one). Servers that keep usage answers in memory drop them
-- when they hear it, so what they answer is what the tables hold once the writer committed.
CREATE FUNCTION traffic_changed_notice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('peerbill_traffic', '');
    RETURN NULL;
END $$;

CREATE TRIGGER traffic_5m_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON traffic_5m
    FOR EACH STATEMENT EXECUTE FUNCTION traffic_changed_notice();
CREATE TRIGGER traffic_1m_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON traffic_1m
    FOR EACH STATEMENT EXECUTE FUNCTION traffic_changed_notice();
CREATE TRIGGER bandwidth_cap_change_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON bandwidth_cap_change FOR EACH STATEMENT EXECUTE FUNCTION traffic_changed_notice();
CREATE TRIGGER peering_connection_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON peering_connection FOR EACH STATEMENT EXECUTE FUNCTION traffic_changed_notice();
CREATE TRIGGER peering_event_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON peering_event FOR EACH STATEMENT EXECUTE FUNCTION traffic_changed_notice();

-- Dropping a partition fires no trigger: the retention function announces it itself.
CREATE OR REPLACE FUNCTION traffic_drop_partitions_before(before_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    p record;
    dropped integer := 0;
BEGIN
    FOR p IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class parent ON parent.oid = i.inhparent
        WHERE parent.relname IN ('traffic_1m', 'traffic_5m', 'sample_ledger')
          AND c.relname ~ '_p[0-9]{8}$'
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < before_day
    LOOP
        EXECUTE format('DROP TABLE %I', p.relname);
        dropped := dropped + 1;
    END LOOP;
    IF dropped > 0 THEN
        PERFORM pg_notify('peerbill_traffic', '');
    END IF;
    RETURN dropped;
END $$;
