-- officials-service: people, organizations, posts and memberships (Popolo-aligned).
create extension if not exists pg_trgm;
create extension if not exists btree_gist;

create table organization (
    id              uuid primary key,
    slug            text unique,
    name            jsonb       not null,
    other_names     jsonb       not null default '[]',
    classification  text        not null,
    parent_id       uuid references organization (id),
    division_id     text,
    founded_on      text,
    dissolved_on    text,
    identifiers     jsonb       not null default '[]',
    sources         jsonb       not null default '[]',
    status          text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text     text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         integer     not null
);
create index organization_parent on organization (parent_id, id);
create index organization_classification on organization (classification, id);
create index organization_updated on organization (updated_at);
create index organization_search on organization using gin (search_text gin_trgm_ops);

create table person (
    id          uuid primary key,
    slug        text unique,
    name        jsonb       not null,
    other_names jsonb       not null default '[]',
    birth_date  text,
    image       text,
    contacts    jsonb       not null default '[]',
    identifiers jsonb       not null default '[]',
    sources     jsonb       not null default '[]',
    status      text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     integer     not null
);
create index person_updated on person (updated_at);
create index person_search on person using gin (search_text gin_trgm_ops);

create table post (
    id              uuid primary key,
    slug            text unique,
    label           jsonb       not null,
    role            text,
    organization_id uuid        not null references organization (id),
    start_date      text,
    end_date        text,
    identifiers     jsonb       not null default '[]',
    sources         jsonb       not null default '[]',
    status          text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text     text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         integer     not null
);
create index post_organization on post (organization_id, id);
create index post_updated on post (updated_at);
create index post_search on post using gin (search_text gin_trgm_ops);

create table membership (
    id              uuid primary key,
    slug            text unique,
    person_id       uuid        not null references person (id),
    organization_id uuid        not null references organization (id),
    post_id         uuid references post (id),
    role            text,
    label           jsonb,
    on_behalf_of_id uuid references organization (id),
    start_date      text,
    end_date        text,
    -- first and last day the membership may cover (partial dates widened); null = unbounded
    start_on        date,
    end_on          date,
    acting          boolean     not null default false,
    end_reason      text,
    identifiers     jsonb       not null default '[]',
    sources         jsonb       not null default '[]',
    status          text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text     text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         integer     not null,
    check (end_on is null or start_on is null or end_on >= start_on),
    -- A post has one holder at a time (acting holders aside): enforced here too, so two
    -- concurrent writers cannot both get in.
    constraint membership_post_single_holder exclude using gist (
        post_id with =,
        daterange(start_on, end_on, '[]') with &&
    ) where (post_id is not null and not acting and status = 'ACTIVE')
);
create index membership_person on membership (person_id, id);
create index membership_organization on membership (organization_id, id);
create index membership_post on membership (post_id, id);
create index membership_party on membership (on_behalf_of_id);
create index membership_updated on membership (updated_at);
