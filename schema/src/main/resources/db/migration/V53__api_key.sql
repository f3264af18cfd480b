-- API keys of the HTTP API (issue 14). A key is shown once when created and stored only as the
-- SHA-256 of its secret part; it is looked up by its id, the part before the secret.
-- An account key acts as its account; an operator key (account_id NULL) does what no account may.
CREATE TABLE api_key (
    id            text        PRIMARY KEY,
    account_id    text        REFERENCES account (id),
    role          text        NOT NULL,
    secret_sha256 bytea       NOT NULL,
    label         text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT api_key_id_format CHECK (id ~ '^pbk_[a-z0-9]{12}$'),
    CONSTRAINT api_key_role CHECK (role IN ('ACCOUNT', 'OPERATOR')),
    CONSTRAINT api_key_account_iff_account_role CHECK ((role = 'ACCOUNT') = (account_id IS NOT NULL)),
    CONSTRAINT api_key_sha256_length CHECK (octet_length(secret_sha256) = 32)
);
CREATE INDEX api_key_account_idx ON api_key (account_id);
