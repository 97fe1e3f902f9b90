-- events-service: scheduled public events, and the read models of the records they reference.
create extension if not exists pg_trgm;

create table event (
    id                   uuid primary key,
    slug                 text unique,
    title                jsonb       not null,
    description          jsonb,
    type                 text        not null,
    -- the lifecycle (scheduled, confirmed, ...); "status" is the record's active/archived state
    event_status         text        not null check (event_status in
                             ('SCHEDULED', 'CONFIRMED', 'POSTPONED', 'RESCHEDULED', 'CANCELLED', 'COMPLETED')),
    starts_at            timestamptz not null,
    ends_at              timestamptz,
    -- ends_at, or starts_at when there is no end: what the from= side of a time window compares with
    last_at              timestamptz not null,
    time_zone            text        not null,
    all_day              boolean     not null default false,
    location             jsonb,
    organizer_id         uuid        not null,
    participants         jsonb       not null default '[]',
    agreement_id         uuid,
    previous_start_times jsonb       not null default '[]',
    ical_sequence        integer     not null default 0,
    identifiers          jsonb       not null default '[]',
    sources              jsonb       not null default '[]',
    status               text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text          text        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              integer     not null,
    check (ends_at is null or ends_at > starts_at),
    check (last_at >= starts_at)
);
-- The list and the feeds are ordered by (starts_at, id); the cursor is that pair.
create index event_schedule on event (starts_at, id);
create index event_last_at on event (last_at);
create index event_organizer on event (organizer_id, starts_at);
create index event_agreement on event (agreement_id) where agreement_id is not null;
create index event_participants on event using gin (participants jsonb_path_ops);
create index event_updated on event (updated_at);
create index event_search on event using gin (search_text gin_trgm_ops);

-- Read models, kept from other services' change streams (never written by this service's API).
-- Each row holds the newest version seen of a record; older or repeated versions change nothing.
-- No foreign keys from event: references are checked when an event is written, and a read model
-- can be rebuilt by replaying its topic.
create table known_organization (
    id             uuid primary key,
    version        integer not null,
    slug           text,
    name           jsonb   not null,
    classification text,
    parent_id      uuid,
    status         text    not null
);
create index known_organization_slug on known_organization (slug);
create index known_organization_parent on known_organization (parent_id);

create table known_person (
    id      uuid primary key,
    version integer not null,
    slug    text,
    name    jsonb   not null,
    status  text    not null
);
create index known_person_slug on known_person (slug);

create table known_post (
    id              uuid primary key,
    version         integer not null,
    slug            text,
    label           jsonb   not null,
    role            text,
    organization_id uuid,
    status          text    not null
);
create index known_post_slug on known_post (slug);

create table known_agreement (
    id               uuid primary key,
    version          integer not null,
    slug             text,
    title            jsonb   not null,
    kind             text,
    status           text,
    signed_on        text,
    signing_event_id uuid
);
create index known_agreement_slug on known_agreement (slug);
