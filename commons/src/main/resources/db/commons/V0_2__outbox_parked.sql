-- Changes the relay could not publish and will not retry by itself (the broker refused the record
-- for good, e.g. a topic whose max.message.bytes is below the platform's bound). The row that
-- failed and every later change of the same record wait here, in their order, so the rest of the
-- stream goes on and no record's events are ever published out of order. docs/reliability.md
-- says how an operator puts them back once the cause is fixed.
create table outbox_parked (
    id          bigint      primary key,
    event_id    uuid        not null,
    topic       text        not null,
    record_key  text        not null,
    type        text        not null,
    subject     text        not null,
    occurred_at timestamptz not null,
    payload     json        not null,
    parked_at   timestamptz not null default now(),
    reason      text        not null
);

create index outbox_parked_key on outbox_parked (record_key);
