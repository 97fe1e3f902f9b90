-- Shared by every service (from the commons jar): the transactional outbox and the record history.

-- One row per committed change, written in the same transaction as the change itself. The relay
-- publishes rows in id order and deletes them once Kafka has acknowledged them.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null,
    topic       text        not null,
    record_key  text        not null,
    type        text        not null,
    subject     text        not null,
    occurred_at timestamptz not null,
    -- json, not jsonb: the event data goes out byte for byte as the service wrote it.
    payload     json        not null
);

-- Wakes the relay (LISTEN civic_outbox) as soon as a transaction that wrote events commits,
-- on whichever replica holds the relay lock.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('civic_outbox', '');
    return null;
end
$$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_notify();

-- Every version of every record, for /{collection}/{id}/history.
create table record_history (
    entity_type text        not null,
    entity_id   uuid        not null,
    version     integer     not null,
    event_type  text        not null,
    changed_at  timestamptz not null,
    changed_by  text,
    snapshot    json        not null,
    primary key (entity_type, entity_id, version)
);
