-- agreements-service: agreements with their parties, signatories and numbered items, and the read
-- model of officials-service's records it checks references against.
create extension if not exists pg_trgm;

create table agreement (
    id               uuid primary key,
    slug             text unique,
    title            jsonb       not null,
    summary          jsonb,
    kind             text        not null,
    lifecycle        text        not null check (lifecycle in ('DRAFT', 'SIGNED', 'IN_FORCE', 'EXPIRED', 'TERMINATED')),
    signed_on        text,
    -- first and last day signed_on may stand for (partial dates widened); null while unsigned
    signed_from      date,
    signed_to        date,
    -- the signing-order sort key: signed_from, or 9999-12-31 while unsigned (drafts come last)
    signing_order    date        not null,
    place            jsonb,
    effective_from   text,
    effective_until  text,
    parties          jsonb       not null default '[]',
    -- derived from parties, for the party= and signatory= filters
    party_ids        uuid[]      not null default '{}',
    signatory_ids    uuid[]      not null default '{}',
    signatory_post_ids uuid[]    not null default '{}',
    items            jsonb       not null default '[]',
    item_sectors     varchar[]   not null default '{}',
    documents        jsonb       not null default '[]',
    amends_id        uuid references agreement (id),
    supersedes_id    uuid references agreement (id),
    signing_event_id uuid,
    identifiers      jsonb       not null default '[]',
    sources          jsonb       not null default '[]',
    status           text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text      text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          integer     not null,
    check (signed_to is null or signed_from is null or signed_to >= signed_from)
);
create index agreement_signing_order on agreement (signing_order, id);
create index agreement_parties on agreement using gin (party_ids);
create index agreement_signatories on agreement using gin (signatory_ids);
create index agreement_signatory_posts on agreement using gin (signatory_post_ids);
create index agreement_sectors on agreement using gin (item_sectors);
create index agreement_updated on agreement (updated_at);
create index agreement_search on agreement using gin (search_text gin_trgm_ops);

-- The read model, from civic.officials.v1. Each row is the newest version seen of a record;
-- ReadModels.upsertNewer keeps repeats and stale versions from changing anything. Slugs are not
-- unique here: events of different records may arrive in any order.
create table known_organization (
    id             uuid primary key,
    version        integer not null,
    slug           text,
    name           jsonb,
    classification text,
    parent_id      uuid,
    status         text    not null
);
create index known_organization_slug on known_organization (slug);

create table known_person (
    id      uuid primary key,
    version integer not null,
    slug    text,
    name    jsonb,
    status  text    not null
);
create index known_person_slug on known_person (slug);

create table known_post (
    id              uuid primary key,
    version         integer not null,
    slug            text,
    label           jsonb,
    role            text,
    organization_id uuid,
    status          text    not null
);
create index known_post_slug on known_post (slug);

create table known_membership (
    id              uuid primary key,
    version         integer not null,
    person_id       uuid,
    organization_id uuid,
    post_id         uuid,
    -- first and last day the membership may cover (partial dates widened); null = unbounded
    start_on        date,
    end_on          date,
    acting          boolean not null default false,
    status          text    not null
);
create index known_membership_holder on known_membership (person_id, post_id);
