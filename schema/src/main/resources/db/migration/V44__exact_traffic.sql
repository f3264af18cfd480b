-- Exact across runs (DESIGN.md "Exact across runs"): a sample's identity is
-- (connection_id, reporter, seq). The ledger records, per connection, reporter and UTC day of the
-- instant a sample counts at (ts - 1 ms), which seqs have been added to traffic_1m / traffic_5m.
-- The stream adds a batch's new samples to the aggregates and their seqs to the ledger in one
-- transaction, and skips every sample the ledger holds already: a replay, a resend, a restart
-- from older offsets or from no state at all adds nothing twice, and a sample never seen before
-- is added to the buckets already stored. A steady gateway is one range per day.
CREATE TABLE sample_ledger (
    connection_id   text            NOT NULL,
    reporter        text            NOT NULL,
    day             date            NOT NULL,
    seqs            int8multirange  NOT NULL,
    updated_at      timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, reporter, day)
) PARTITION BY RANGE (day);

COMMENT ON TABLE sample_ledger IS
    'seqs counted into traffic_1m/traffic_5m per (connection, reporter, UTC day of ts - 1 ms)';

-- Partitions of the three tables come and go together, one UTC day at a time. Their rows are
-- updated in place as samples add up: room left on each page keeps those updates HOT (no new
-- index entry per update).
CREATE OR REPLACE FUNCTION traffic_ensure_partitions(from_day date, to_day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    d date := from_day;
    t text;
BEGIN
    WHILE d <= to_day LOOP
        FOREACH t IN ARRAY ARRAY['traffic_1m', 'traffic_5m'] LOOP
            EXECUTE format(
                'CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)'
                    || ' WITH (fillfactor = 80)',
                t || '_p' || to_char(d, 'YYYYMMDD'), t,
                d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
        END LOOP;
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF sample_ledger FOR VALUES FROM (%L) TO (%L)'
                || ' WITH (fillfactor = 70)',
            'sample_ledger_p' || to_char(d, 'YYYYMMDD'), d, d + 1);
        d := d + 1;
    END LOOP;
END $$;

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
    RETURN dropped;
END $$;

-- Ledger partitions for the days that hold traffic already.
SELECT traffic_ensure_partitions(to_date(right(c.relname, 8), 'YYYYMMDD'),
                                 to_date(right(c.relname, 8), 'YYYYMMDD'))
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  JOIN pg_class parent ON parent.oid = i.inhparent
 WHERE parent.relname = 'traffic_5m' AND c.relname ~ '_p[0-9]{8}$';

-- Too-late samples are no longer rejections: they are added to their buckets like any other
-- sample. The ones stored so far move into the aggregates and the ledger, once each.
CREATE TEMPORARY TABLE late_sample ON COMMIT DROP AS
SELECT DISTINCT ON (connection_id, reporter, seq, ts)
       connection_id, reporter, seq, ts - interval '1 millisecond' AS counted_at,
       in_bytes, out_bytes, in_packets, out_packets, in_dropped, out_dropped
  FROM rejected_sample
 WHERE reason = 'TOO_LATE' AND connection_id IS NOT NULL AND ts IS NOT NULL
 ORDER BY connection_id, reporter, seq, ts, id;

SELECT traffic_ensure_partitions(min(counted_at AT TIME ZONE 'UTC')::date,
                                 max(counted_at AT TIME ZONE 'UTC')::date)
  FROM late_sample HAVING count(*) > 0;

INSERT INTO traffic_5m (connection_id, bucket_start, in_bytes, out_bytes, in_packets, out_packets,
                        in_dropped, out_dropped, sample_count)
SELECT connection_id, to_timestamp(floor(extract(epoch FROM counted_at) / 300) * 300),
       sum(in_bytes), sum(out_bytes), sum(in_packets), sum(out_packets), sum(in_dropped),
       sum(out_dropped), count(*)
  FROM late_sample GROUP BY 1, 2
ON CONFLICT (connection_id, bucket_start) DO UPDATE SET
    in_bytes = traffic_5m.in_bytes + excluded.in_bytes,
    out_bytes = traffic_5m.out_bytes + excluded.out_bytes,
    in_packets = traffic_5m.in_packets + excluded.in_packets,
    out_packets = traffic_5m.out_packets + excluded.out_packets,
    in_dropped = traffic_5m.in_dropped + excluded.in_dropped,
    out_dropped = traffic_5m.out_dropped + excluded.out_dropped,
    sample_count = traffic_5m.sample_count + excluded.sample_count,
    updated_at = now();

INSERT INTO traffic_1m (connection_id, bucket_start, in_bytes, out_bytes, in_packets, out_packets,
                        in_dropped, out_dropped, sample_count)
SELECT connection_id, to_timestamp(floor(extract(epoch FROM counted_at) / 60) * 60),
       sum(in_bytes), sum(out_bytes), sum(in_packets), sum(out_packets), sum(in_dropped),
       sum(out_dropped), count(*)
  FROM late_sample GROUP BY 1, 2
ON CONFLICT (connection_id, bucket_start) DO UPDATE SET
    in_bytes = traffic_1m.in_bytes + excluded.in_bytes,
    out_bytes = traffic_1m.out_bytes + excluded.out_bytes,
    in_packets = traffic_1m.in_packets + excluded.in_packets,
    out_packets = traffic_1m.out_packets + excluded.out_packets,
    in_dropped = traffic_1m.in_dropped + excluded.in_dropped,
    out_dropped = traffic_1m.out_dropped + excluded.out_dropped,
    sample_count = traffic_1m.sample_count + excluded.sample_count,
    updated_at = now();

INSERT INTO sample_ledger (connection_id, reporter, day, seqs)
SELECT connection_id, reporter, (counted_at AT TIME ZONE 'UTC')::date,
       range_agg(int8range(seq, seq, '[]'))
  FROM late_sample GROUP BY 1, 2, 3;

DELETE FROM rejected_sample WHERE reason = 'TOO_LATE';
DROP INDEX rejected_sample_too_late_idx;
ALTER TABLE rejected_sample DROP CONSTRAINT rejected_sample_reason_allowed;
-- IMPLAUSIBLE_COUNTER: more bytes or packets than a 400 Gbit/s link carries in the interval.
ALTER TABLE rejected_sample ADD CONSTRAINT rejected_sample_reason_allowed CHECK (reason IN (
    'MALFORMED', 'MISSING_FIELD', 'NEGATIVE_COUNTER', 'BAD_INTERVAL', 'FUTURE_TIMESTAMP',
    'IMPLAUSIBLE_COUNTER', 'UNKNOWN_CONNECTION', 'NOT_ACTIVE'));

-- The traffic billing, statements and charts count (D5): the 5-minute buckets, late samples
-- included. The one definition all of them read.
CREATE VIEW billable_traffic_5m AS
SELECT connection_id, bucket_start, in_bytes, out_bytes, in_packets, out_packets, in_dropped,
       out_dropped, sample_count
  FROM traffic_5m;

-- Completeness, one contract: each writer of the stream (a job's sink subtask) publishes how far
-- its buckets are final ("final through", net of the stream's allowed lateness), in the same
-- transaction as the rows it covers. Billing reads the minimum over running writers, so no
-- subtask or job can pass a bucket another one has not written yet; a bounded run that finished
-- has written all it will and holds nothing back (without running writers, the newest finished
-- value counts).
-- complete_until now holds that "final through" value.
ALTER TABLE metering_watermark DROP CONSTRAINT metering_watermark_pkey;
ALTER TABLE metering_watermark ADD COLUMN writer integer NOT NULL DEFAULT 0;
ALTER TABLE metering_watermark ADD COLUMN finished boolean NOT NULL DEFAULT false;
-- The Flink job the row is of: a new run of the stream resets it to running, a sibling subtask of
-- the same run that opens late does not.
ALTER TABLE metering_watermark ADD COLUMN job text;
-- A row written before this version is a stream that has not run since.
UPDATE metering_watermark SET finished = true;
ALTER TABLE metering_watermark ADD PRIMARY KEY (stream, writer);
