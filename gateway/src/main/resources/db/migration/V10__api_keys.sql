-- gateway: integrators' API keys, and the rate-limit buckets every gateway replica shares.

-- Only the SHA-256 of a key is kept: the key itself is shown once, to the admin who issued it.
-- A key is 256 random bits, so an unsalted hash is as hard to reverse as the key is to guess.
create table api_key (
    id         uuid primary key,
    key_hash   text        not null unique,
    prefix     text        not null,
    owner      text        not null,
    contact    text        not null,
    tier       text        not null check (tier in ('STANDARD', 'PARTNER')),
    created_at timestamptz not null,
    created_by text,
    revoked_at timestamptz
);

-- Bucket4j's table (bucket4j_jdk17-postgresql, select-for-update): one row per client and policy,
-- its state serialized by Bucket4j; expires_at (epoch milliseconds) is when the bucket would be
-- full again, after which the row is removed.
create table rate_limit_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);

create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);
