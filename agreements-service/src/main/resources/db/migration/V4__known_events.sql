-- The events of events-service (civic.events.v1) that agreements and programmes link to: a signing
-- ceremony, an announcement, an initiative's events. Learned as officials' records are (newest
-- version wins); a link to an event not known here is a 422 unknown-reference. `status` is the
-- record status (active, archived), as in every read-model table; `event_status` the event's own.
create table known_event (
    id           uuid primary key,
    version      integer not null,
    slug         text,
    title        jsonb   not null,
    starts_at    timestamptz,
    event_status text,
    status       text    not null
);
create index known_event_slug on known_event (slug);
