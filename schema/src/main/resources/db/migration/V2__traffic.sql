-- Billing-grade aggregates written by metering-stream and read by billing-batch.
-- Partitioned by UTC day so retention drops whole partitions; rows are upserted by
-- (connection, bucket start), so replays and restarts converge to the same rows.

CREATE TABLE traffic_1m (
    connection_id   text        NOT NULL,
    bucket_start    timestamptz NOT NULL,
    in_bytes        bigint      NOT NULL,
    out_bytes       bigint      NOT NULL,
    in_packets      bigint      NOT NULL,
    out_packets     bigint      NOT NULL,
    in_dropped      bigint      NOT NULL,
    out_dropped     bigint      NOT NULL,
    sample_count    integer     NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, bucket_start)
) PARTITION BY RANGE (bucket_start);

CREATE TABLE traffic_5m (LIKE traffic_1m INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (connection_id, bucket_start)
) PARTITION BY RANGE (bucket_start);

-- Creates the daily partitions of both tables covering [from_day, to_day], if absent.
CREATE FUNCTION traffic_ensure_partitions(from_day date, to_day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    d date := from_day;
    t text;
BEGIN
    WHILE d <= to_day LOOP
        FOREACH t IN ARRAY ARRAY['traffic_1m', 'traffic_5m'] LOOP
            EXECUTE format(
                'CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                t || '_p' || to_char(d, 'YYYYMMDD'), t,
                d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
        END LOOP;
        d := d + 1;
    END LOOP;
END $$;

-- Retention: drops the daily partitions of both tables that end on or before before_day.
CREATE FUNCTION traffic_drop_partitions_before(before_day date) RETURNS integer
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
        WHERE parent.relname IN ('traffic_1m', 'traffic_5m')
          AND c.relname ~ '_p[0-9]{8}$'
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < before_day
    LOOP
        EXECUTE format('DROP TABLE %I', p.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;

-- Every input record the stream did not count, with why (accepted + duplicates + rejected
-- = input). TOO_LATE rows keep the parsed sample so billing can fold them into its
-- 5-minute buckets: bucket = the 5-minute bucket containing ts - 1 ms.
CREATE TABLE rejected_sample (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason          text        NOT NULL,
    detail          text,
    raw             text        NOT NULL,
    source          text        NOT NULL,
    source_position text        NOT NULL,
    connection_id   text,
    reporter        text,
    seq             bigint,
    ts              timestamptz,
    interval_ms     integer,
    in_bytes        bigint,
    out_bytes       bigint,
    in_packets      bigint,
    out_packets     bigint,
    in_dropped      bigint,
    out_dropped     bigint,
    rejected_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rejected_sample_reason_allowed CHECK (reason IN (
        'MALFORMED', 'MISSING_FIELD', 'NEGATIVE_COUNTER', 'BAD_INTERVAL', 'FUTURE_TIMESTAMP',
        'UNKNOWN_CONNECTION', 'NOT_ACTIVE', 'TOO_LATE')),
    -- The same input position rejected again on replay is one row, not two.
    CONSTRAINT rejected_sample_position_unique UNIQUE (source, source_position)
);
CREATE INDEX rejected_sample_reason_idx ON rejected_sample (reason);
CREATE INDEX rejected_sample_too_late_idx ON rejected_sample (connection_id, ts) WHERE reason = 'TOO_LATE';
