-- Alert policies, the events they raise and the webhook deliveries of those events (D10, D11).
-- The metering stream reads the enabled policies (refreshed while it runs), writes events with an
-- id derived from (policy, connection, window), and a sender drains webhook_delivery.

-- Every change to a policy takes the next revision, so the running job can tell what changed.
CREATE SEQUENCE alert_policy_revision;

CREATE TABLE alert_policy (
    id                      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id              text        NOT NULL REFERENCES account (id),
    name                    text        NOT NULL,
    metric                  text        NOT NULL,
    comparator              text        NOT NULL,
    threshold               numeric(14, 3) NOT NULL,
    period_seconds          integer     NOT NULL,
    consecutive_periods     integer     NOT NULL,
    severity                text        NOT NULL,
    -- NULL: every connection the account is an end of.
    connection_id           text        REFERENCES peering_connection (id),
    -- NULL: no repeat notices while firing.
    repeat_interval_seconds integer,
    repeat_exponential      boolean     NOT NULL DEFAULT false,
    notify_on_recovery      boolean     NOT NULL,
    webhook_url             text        NOT NULL,
    webhook_secret          text        NOT NULL,
    enabled                 boolean     NOT NULL DEFAULT true,
    revision                bigint      NOT NULL DEFAULT nextval('alert_policy_revision'),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- Deleted policies stay, so their past events keep their policy.
    deleted_at              timestamptz,
    CONSTRAINT alert_policy_metric_allowed CHECK (metric IN (
        'InBandwidth', 'OutBandwidth', 'InPkg', 'OutPkg', 'PkgDrop', 'InbandRate', 'OutbandRate')),
    CONSTRAINT alert_policy_comparator_allowed CHECK (comparator IN ('GT', 'GE', 'LT', 'LE')),
    CONSTRAINT alert_policy_period_allowed CHECK (period_seconds IN (60, 300)),
    CONSTRAINT alert_policy_consecutive_range CHECK (consecutive_periods BETWEEN 1 AND 30),
    CONSTRAINT alert_policy_severity_allowed CHECK (severity IN ('REMIND', 'WARN', 'SERIOUS')),
    CONSTRAINT alert_policy_repeat_range CHECK (repeat_interval_seconds BETWEEN 300 AND 86400),
    CONSTRAINT alert_policy_exponential_needs_repeat
        CHECK (repeat_exponential <= (repeat_interval_seconds IS NOT NULL)),
    CONSTRAINT alert_policy_threshold_not_negative CHECK (threshold >= 0),
    CONSTRAINT alert_policy_webhook_url_http CHECK (webhook_url ~ '^https?://'),
    CONSTRAINT alert_policy_secret_not_empty CHECK (length(webhook_secret) > 0)
);
CREATE UNIQUE INDEX alert_policy_name_per_account ON alert_policy (account_id, name)
    WHERE deleted_at IS NULL;
CREATE INDEX alert_policy_connection_idx ON alert_policy (connection_id);

-- One row per FIRING, REPEAT or RESOLVED notice. The id is a name-based UUID of
-- (policy, connection, window), so a replayed or restarted job inserts nothing new.
CREATE TABLE alert_event (
    id              uuid        PRIMARY KEY,
    policy_id       bigint      NOT NULL REFERENCES alert_policy (id),
    policy_revision bigint      NOT NULL,
    account_id      text        NOT NULL REFERENCES account (id),
    connection_id   text        NOT NULL,
    state           text        NOT NULL,
    metric          text        NOT NULL,
    comparator      text        NOT NULL,
    threshold       numeric(14, 3) NOT NULL,
    value           double precision NOT NULL,
    severity        text        NOT NULL,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alert_event_state_allowed CHECK (state IN ('FIRING', 'REPEAT', 'RESOLVED')),
    CONSTRAINT alert_event_window_order CHECK (window_start < window_end)
);
CREATE INDEX alert_event_key_idx ON alert_event (policy_id, connection_id, window_end);
CREATE INDEX alert_event_account_idx ON alert_event (account_id, window_end);

-- The outbox: one row per event to be sent, drained by the webhook sender. An event with no row
-- here (a recovery of a policy that does not notify on recovery) is stored but never sent.
CREATE TABLE webhook_delivery (
    event_id        uuid        PRIMARY KEY REFERENCES alert_event (id),
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    finished_at     timestamptz,
    CONSTRAINT webhook_delivery_status_allowed CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';

-- Every attempt and its outcome.
CREATE TABLE webhook_attempt (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL REFERENCES webhook_delivery (event_id),
    attempt         integer     NOT NULL,
    url             text        NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    http_status     integer,
    outcome         text        NOT NULL,
    error           text,
    CONSTRAINT webhook_attempt_outcome_allowed
        CHECK (outcome IN ('DELIVERED', 'HTTP_ERROR', 'TIMEOUT', 'CONNECTION_ERROR')),
    CONSTRAINT webhook_attempt_once UNIQUE (event_id, attempt)
);
