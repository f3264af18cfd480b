-- Billing (R11, D5-D9): the tariff catalog, bill lines with their revisions, per-account day
-- statements, and the metering watermark the completeness guard reads.

-- A tariff prices one region-pair class from a billing day on (D7). The class is the two regions'
-- geo zones in alphabetical order joined by ':' (e.g. 'cn-mainland:overseas'), so a pair has one
-- class whichever end requested. Loading the same (class, effective_from) again replaces it: that
-- is how a wrong price is corrected, and a re-run then revises the lines it priced.
CREATE TABLE tariff (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pair_class      text        NOT NULL,
    effective_from  date        NOT NULL,
    tier_model      text        NOT NULL,
    currency        text        NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tariff_pair_class_format CHECK (pair_class ~ '^[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*$'),
    CONSTRAINT tariff_tier_model_allowed CHECK (tier_model IN ('VOLUME', 'GRADUATED')),
    CONSTRAINT tariff_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT tariff_one_per_class_and_day UNIQUE (pair_class, effective_from)
);

-- Tiers of a tariff in Mbps: [from_mbps, to_mbps), the last one open (to_mbps NULL).
-- Unit price per Mbps per day.
CREATE TABLE tariff_tier (
    tariff_id   bigint          NOT NULL REFERENCES tariff (id) ON DELETE CASCADE,
    from_mbps   numeric(12, 2)  NOT NULL,
    to_mbps     numeric(12, 2),
    unit_price  numeric(14, 6)  NOT NULL,
    PRIMARY KEY (tariff_id, from_mbps),
    CONSTRAINT tariff_tier_range CHECK (from_mbps >= 0 AND (to_mbps IS NULL OR to_mbps > from_mbps)),
    CONSTRAINT tariff_tier_price CHECK (unit_price >= 0)
);

-- One line per (connection, billing day): the current value. Earlier values live in
-- bill_line_revision. status: BILLED (cross-region, priced), FREE (same-region, D9),
-- NO_TRAFFIC (active but no bucket with data, D9), FAILED (could not be priced; reason says why).
CREATE TABLE bill_line (
    connection_id       text            NOT NULL REFERENCES peering_connection (id),
    bill_day            date            NOT NULL,
    zone                text            NOT NULL,
    payer_account_id    text            NOT NULL REFERENCES account (id),
    pair_class          text            NOT NULL,
    status              text            NOT NULL,
    peak_mbps           numeric(14, 6),
    cap_mbps            integer,
    billed_mbps         numeric(12, 2)  NOT NULL,
    tariff_id           bigint          REFERENCES tariff (id),
    amount              numeric(14, 2)  NOT NULL,
    currency            text            NOT NULL,
    buckets_with_data   integer         NOT NULL,
    buckets_active      integer         NOT NULL,
    failure_reason      text,
    revision            integer         NOT NULL DEFAULT 1,
    job_execution_id    bigint,
    billed_at           timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, bill_day),
    CONSTRAINT bill_line_status_allowed CHECK (status IN ('BILLED', 'FREE', 'NO_TRAFFIC', 'FAILED')),
    CONSTRAINT bill_line_failed_has_reason CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL))
);
CREATE INDEX bill_line_day_payer_idx ON bill_line (bill_day, payer_account_id);

-- A bill line as it was before a re-run changed it, and why it changed.
CREATE TABLE bill_line_revision (
    id                  bigint          GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id       text            NOT NULL,
    bill_day            date            NOT NULL,
    revision            integer         NOT NULL,
    status              text            NOT NULL,
    peak_mbps           numeric(14, 6),
    cap_mbps            integer,
    billed_mbps         numeric(12, 2)  NOT NULL,
    tariff_id           bigint,
    amount              numeric(14, 2)  NOT NULL,
    currency            text,
    buckets_with_data   integer         NOT NULL,
    buckets_active      integer         NOT NULL,
    failure_reason      text,
    reason              text            NOT NULL,
    superseded_at       timestamptz     NOT NULL DEFAULT now(),
    FOREIGN KEY (connection_id, bill_day) REFERENCES bill_line (connection_id, bill_day),
    UNIQUE (connection_id, bill_day, revision)
);

-- Per payer account, billing day and currency: the total of its current lines, and what the
-- previous statement said, so a re-run shows its adjustment instead of charging again.
CREATE TABLE bill_statement (
    account_id          text            NOT NULL REFERENCES account (id),
    bill_day            date            NOT NULL,
    currency            text            NOT NULL,
    line_count          integer         NOT NULL,
    failed_count        integer         NOT NULL,
    total               numeric(16, 2)  NOT NULL,
    previous_total      numeric(16, 2),
    adjustment          numeric(16, 2)  NOT NULL,
    revision            integer         NOT NULL DEFAULT 1,
    generated_at        timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, bill_day, currency)
);

-- How far the metering stream's 5-minute aggregates are complete: every bucket ending at or
-- before `complete_until` is final (samples arriving later are rejected as TOO_LATE, which billing
-- folds in itself). The stream upserts its row as its event-time watermark advances; billing
-- refuses day D until complete_until >= end of D + the allowed lateness (unless forced).
CREATE TABLE metering_watermark (
    stream          text        PRIMARY KEY,
    complete_until  timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
