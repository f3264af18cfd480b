-- Monthly 95th-percentile charge mode (D13): the charge mode of a connection with its history,
-- the tariffs of each mode, and one bill line per connection and month.

-- Effective-dated charge mode, like caps (D3): the mode in force at t is the latest row with
-- effective_from <= t; a connection without rows is DAILY_PEAK. A change takes effect on the first
-- day of a calendar month in the billing zone (`zone`): effective_month is that day, and
-- effective_from its first instant there, so the mode is one and the same for every day of a month.
CREATE TABLE charge_mode_change (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id       text        NOT NULL REFERENCES peering_connection (id),
    charge_mode         text        NOT NULL,
    effective_month     date        NOT NULL,
    effective_from      timestamptz NOT NULL,
    zone                text        NOT NULL,
    actor_account_id    text        NOT NULL REFERENCES account (id),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT charge_mode_change_mode_allowed CHECK (charge_mode IN ('DAILY_PEAK', 'MONTHLY_95TH')),
    CONSTRAINT charge_mode_change_first_of_month CHECK (extract(day FROM effective_month) = 1)
);
CREATE INDEX charge_mode_change_connection_idx ON charge_mode_change (connection_id, effective_from);

-- The connections billed by the month at instant at_ts (D13); every other one by the day (D5).
CREATE FUNCTION monthly_95th_connections(at_ts timestamptz) RETURNS TABLE (connection_id text)
LANGUAGE sql STABLE AS $$
    SELECT m.connection_id
      FROM (SELECT DISTINCT ON (c.connection_id) c.connection_id, c.charge_mode
              FROM charge_mode_change c
             WHERE c.effective_from <= at_ts
             ORDER BY c.connection_id, c.effective_from DESC, c.id DESC) m
     WHERE m.charge_mode = 'MONTHLY_95TH'
$$;

-- A tariff names the charge mode it prices: DAILY_PEAK unit prices are per Mbps per day,
-- MONTHLY_95TH ones per Mbps per month. One tariff per (class, mode, effective day).
ALTER TABLE tariff ADD COLUMN charge_mode text NOT NULL DEFAULT 'DAILY_PEAK';
ALTER TABLE tariff ADD CONSTRAINT tariff_charge_mode_allowed
    CHECK (charge_mode IN ('DAILY_PEAK', 'MONTHLY_95TH'));
ALTER TABLE tariff DROP CONSTRAINT tariff_one_per_class_and_day;
ALTER TABLE tariff ADD CONSTRAINT tariff_one_per_class_mode_and_day
    UNIQUE (pair_class, charge_mode, effective_from);

-- One line per (connection, month) of a MONTHLY_95TH connection: the current value; earlier
-- values live in month_bill_line_revision. points: 5-minute buckets with data inside ACTIVE time;
-- points_dropped: the top floor(points x 0.05); billed_point_at: the start of the bucket billed
-- (the next one down). status: BILLED, NO_TRAFFIC (no point), FAILED (reason says why), REMOVED
-- (a re-run found it not billable by the month; kept at zero so the statement shows it).
CREATE TABLE month_bill_line (
    connection_id       text            NOT NULL,
    bill_month          date            NOT NULL,
    zone                text            NOT NULL,
    payer_account_id    text            NOT NULL,
    pair_class          text            NOT NULL,
    status              text            NOT NULL,
    p95_mbps            numeric(14, 6),
    cap_mbps            integer,
    billed_mbps         numeric(12, 2)  NOT NULL,
    tariff_id           bigint,
    amount              numeric(14, 2)  NOT NULL,
    currency            text            NOT NULL,
    points              integer         NOT NULL,
    points_dropped      integer         NOT NULL,
    billed_point_at     timestamptz,
    active_days         integer         NOT NULL,
    days_in_month       integer         NOT NULL,
    failure_reason      text,
    revision            integer         NOT NULL DEFAULT 1,
    billed_at           timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, bill_month),
    CONSTRAINT month_bill_line_first_of_month CHECK (extract(day FROM bill_month) = 1),
    CONSTRAINT month_bill_line_status_allowed
        CHECK (status IN ('BILLED', 'NO_TRAFFIC', 'FAILED', 'REMOVED')),
    CONSTRAINT month_bill_line_failed_has_reason
        CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
);
CREATE INDEX month_bill_line_month_payer_idx ON month_bill_line (bill_month, payer_account_id);

-- A month line as it was before a re-run changed it, and why.
CREATE TABLE month_bill_line_revision (
    id                  bigint          GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id       text            NOT NULL,
    bill_month          date            NOT NULL,
    revision            integer         NOT NULL,
    zone                text            NOT NULL,
    status              text            NOT NULL,
    p95_mbps            numeric(14, 6),
    cap_mbps            integer,
    billed_mbps         numeric(12, 2)  NOT NULL,
    tariff_id           bigint,
    amount              numeric(14, 2)  NOT NULL,
    currency            text            NOT NULL,
    points              integer         NOT NULL,
    points_dropped      integer         NOT NULL,
    billed_point_at     timestamptz,
    active_days         integer         NOT NULL,
    days_in_month       integer         NOT NULL,
    failure_reason      text,
    reason              text            NOT NULL,
    superseded_at       timestamptz     NOT NULL DEFAULT now(),
    FOREIGN KEY (connection_id, bill_month) REFERENCES month_bill_line (connection_id, bill_month),
    UNIQUE (connection_id, bill_month, revision)
);

-- Per payer account, month and currency: the total of its current month lines and what the
-- previous statement said (as bill_statement does for days).
CREATE TABLE month_statement (
    account_id          text            NOT NULL REFERENCES account (id),
    bill_month          date            NOT NULL,
    currency            text            NOT NULL,
    line_count          integer         NOT NULL,
    failed_count        integer         NOT NULL,
    total               numeric(16, 2)  NOT NULL,
    previous_total      numeric(16, 2),
    adjustment          numeric(16, 2)  NOT NULL,
    revision            integer         NOT NULL DEFAULT 1,
    generated_at        timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, bill_month, currency)
);

-- Every completed monthly run, written in the transaction that wrote its lines: the nightly
-- service bills a month that has none (a month without MONTHLY_95TH connections has no line).
CREATE TABLE month_billing_run (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bill_month          date        NOT NULL,
    zone                text        NOT NULL,
    lines               integer     NOT NULL,
    changed             integer     NOT NULL,
    removed             integer     NOT NULL,
    completed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX month_billing_run_month_idx ON month_billing_run (bill_month);
