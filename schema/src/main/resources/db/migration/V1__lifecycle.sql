-- The peering lifecycle model (DOMAIN.md R1-R16, D1-D3).
-- Constraints here back the invariants that can live in the database; the peering service
-- checks the rest (overlaps across VPCs, the per-VPC limit) under row locks.

CREATE TABLE account (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_id_format CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$')
);

-- A region belongs to a geo zone; the price catalog classifies region pairs by zone (D7).
CREATE TABLE region (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    geo_zone    text NOT NULL,
    CONSTRAINT region_code_format CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    CONSTRAINT region_geo_zone_format CHECK (geo_zone ~ '^[a-z0-9][a-z0-9-]{0,63}$')
);

CREATE TABLE vpc (
    id          text        PRIMARY KEY,
    account_id  text        NOT NULL REFERENCES account (id),
    region      text        NOT NULL REFERENCES region (code),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vpc_id_format CHECK (id ~ '^vpc-[a-z0-9]{8,17}$')
);
CREATE INDEX vpc_account_idx ON vpc (account_id);

-- A VPC has one or more IPv4 blocks; `cidr` rejects host bits set (10.0.1.5/24).
CREATE TABLE vpc_cidr_block (
    vpc_id      text        NOT NULL REFERENCES vpc (id) ON DELETE CASCADE,
    cidr        cidr        NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (vpc_id, cidr),
    CONSTRAINT vpc_cidr_block_ipv4 CHECK (family(cidr) = 4)
);

CREATE TABLE route_table (
    id          text        PRIMARY KEY,
    vpc_id      text        NOT NULL REFERENCES vpc (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    is_main     boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT route_table_id_format CHECK (id ~ '^rtb-[a-z0-9]{8,17}$')
);
CREATE INDEX route_table_vpc_idx ON route_table (vpc_id);
CREATE UNIQUE INDEX route_table_one_main_per_vpc ON route_table (vpc_id) WHERE is_main;

CREATE TABLE subnet (
    id              text        PRIMARY KEY,
    vpc_id          text        NOT NULL REFERENCES vpc (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    cidr            cidr        NOT NULL,
    route_table_id  text        NOT NULL REFERENCES route_table (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT subnet_id_format CHECK (id ~ '^subnet-[a-z0-9]{8,17}$'),
    CONSTRAINT subnet_ipv4 CHECK (family(cidr) = 4)
);
CREATE INDEX subnet_vpc_idx ON subnet (vpc_id);
CREATE INDEX subnet_route_table_idx ON subnet (route_table_id);

CREATE TABLE peering_connection (
    id                      text        PRIMARY KEY,
    name                    text        NOT NULL,
    requester_vpc_id        text        NOT NULL REFERENCES vpc (id),
    requester_account_id    text        NOT NULL REFERENCES account (id),
    requester_region        text        NOT NULL REFERENCES region (code),
    accepter_vpc_id         text        NOT NULL REFERENCES vpc (id),
    accepter_account_id     text        NOT NULL REFERENCES account (id),
    accepter_region         text        NOT NULL REFERENCES region (code),
    scope                   text        NOT NULL,
    state                   text        NOT NULL,
    -- Current cap; its effective-dated history is bandwidth_cap_change (D3, R16).
    bandwidth_cap_mbps      integer,
    created_at              timestamptz NOT NULL,
    accepted_at             timestamptz,
    expires_at              timestamptz,
    ended_at                timestamptz,
    CONSTRAINT peering_connection_id_format CHECK (id ~ '^pcx-[a-z0-9]{8,17}$'),
    CONSTRAINT peering_connection_state_allowed
        CHECK (state IN ('PENDING_ACCEPTANCE', 'ACTIVE', 'REJECTED', 'EXPIRED', 'WITHDRAWN', 'DELETED')),
    CONSTRAINT peering_connection_scope_allowed CHECK (scope IN ('SAME_REGION', 'CROSS_REGION')),
    CONSTRAINT peering_connection_scope_matches_regions
        CHECK ((scope = 'SAME_REGION') = (requester_region = accepter_region)),
    CONSTRAINT peering_connection_cap_iff_cross_region
        CHECK ((scope = 'CROSS_REGION') = (bandwidth_cap_mbps IS NOT NULL)),
    CONSTRAINT peering_connection_cap_range CHECK (bandwidth_cap_mbps BETWEEN 1 AND 5000),
    CONSTRAINT peering_connection_no_self_peering CHECK (requester_vpc_id <> accepter_vpc_id),
    CONSTRAINT peering_connection_pending_expires
        CHECK ((state = 'PENDING_ACCEPTANCE') <= (expires_at IS NOT NULL))
);
-- At most one live (pending or active) connection joins two VPCs, whichever end requested.
CREATE UNIQUE INDEX peering_connection_one_live_per_vpc_pair
    ON peering_connection (LEAST(requester_vpc_id, accepter_vpc_id), GREATEST(requester_vpc_id, accepter_vpc_id))
    WHERE state IN ('PENDING_ACCEPTANCE', 'ACTIVE');
CREATE INDEX peering_connection_requester_vpc_idx ON peering_connection (requester_vpc_id);
CREATE INDEX peering_connection_accepter_vpc_idx ON peering_connection (accepter_vpc_id);
CREATE INDEX peering_connection_pending_expiry_idx ON peering_connection (expires_at)
    WHERE state = 'PENDING_ACCEPTANCE';

CREATE TABLE route (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    route_table_id  text        NOT NULL REFERENCES route_table (id) ON DELETE CASCADE,
    destination     cidr        NOT NULL,
    next_hop_type   text        NOT NULL,
    next_hop_id     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT route_next_hop_type_allowed CHECK (next_hop_type IN ('PEERING_CONNECTION')),
    CONSTRAINT route_ipv4 CHECK (family(destination) = 4),
    CONSTRAINT route_unique_destination UNIQUE (route_table_id, destination)
);
CREATE INDEX route_next_hop_idx ON route (next_hop_type, next_hop_id);

-- Every state transition, written in the same transaction as the change (D1).
-- Billing derives a connection's ACTIVE intervals from these rows.
CREATE TABLE peering_event (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id       text        NOT NULL REFERENCES peering_connection (id),
    from_state          text,
    to_state            text        NOT NULL,
    actor_account_id    text        NOT NULL REFERENCES account (id),
    occurred_at         timestamptz NOT NULL,
    CONSTRAINT peering_event_from_state_allowed
        CHECK (from_state IN ('PENDING_ACCEPTANCE', 'ACTIVE', 'REJECTED', 'EXPIRED', 'WITHDRAWN', 'DELETED')),
    CONSTRAINT peering_event_to_state_allowed
        CHECK (to_state IN ('PENDING_ACCEPTANCE', 'ACTIVE', 'REJECTED', 'EXPIRED', 'WITHDRAWN', 'DELETED'))
);
CREATE INDEX peering_event_connection_idx ON peering_event (connection_id, occurred_at);

-- Effective-dated cap history (D3, R16): the cap in force at t is the latest row with
-- effective_from <= t.
CREATE TABLE bandwidth_cap_change (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id       text        NOT NULL REFERENCES peering_connection (id),
    cap_mbps            integer     NOT NULL,
    effective_from      timestamptz NOT NULL,
    actor_account_id    text        NOT NULL REFERENCES account (id),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bandwidth_cap_change_range CHECK (cap_mbps BETWEEN 1 AND 5000)
);
CREATE INDEX bandwidth_cap_change_connection_idx ON bandwidth_cap_change (connection_id, effective_from);
