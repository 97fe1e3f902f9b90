-- The read model of officials-service's organizations, people and posts, for every service that
-- consumes civic.officials.v1 (quarkus.flyway.locations includes db/readmodel), written by
-- KnownOfficials. Each row is the newest version seen of a record; older or repeated versions change
-- nothing. Slugs are not unique here: events of different records may arrive in any order. No
-- foreign keys: a read model is rebuilt by replaying its topic.
--
-- Version 1.1, not 0.n like db/commons: agreements and events created these tables in their own V1,
-- which must keep running first on a new database. On theirs, this leaves the tables be, and their
-- own later migration brings them to this definition; a new consumer gets them from here.
create table if not exists known_organization (
    id             uuid primary key,
    version        integer not null,
    slug           text,
    name           jsonb   not null,
    classification text,
    parent_id      uuid,
    status         text    not null
);
create index if not exists known_organization_slug on known_organization (slug);
-- the organization tree, walked down for the organization= filter
create index if not exists known_organization_parent on known_organization (parent_id);

create table if not exists known_person (
    id      uuid primary key,
    version integer not null,
    slug    text,
    name    jsonb   not null,
    status  text    not null
);
create index if not exists known_person_slug on known_person (slug);

create table if not exists known_post (
    id              uuid primary key,
    version         integer not null,
    slug            text,
    label           jsonb   not null,
    role            text,
    organization_id uuid,
    status          text    not null
);
create index if not exists known_post_slug on known_post (slug);
