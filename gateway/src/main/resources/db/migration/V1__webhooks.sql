-- gateway: webhook subscriptions and their deliveries. Deliveries are written before the Kafka
-- offset is committed, so none is lost across restarts; each subscription's are sent in order.
create table webhook_subscription (
    id          uuid primary key,
    url         text        not null,
    topics      jsonb       not null default '[]',
    types       jsonb       not null default '[]',
    secret      text        not null,
    description text,
    status      text        not null check (status in ('ACTIVE', 'DISABLED')),
    created_at  timestamptz not null,
    created_by  text
);

create table webhook_delivery (
    id              bigint generated always as identity primary key,
    subscription_id uuid        not null references webhook_subscription (id),
    event_id        text        not null,
    event_type      text        not null,
    subject         text,
    topic           text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_status     integer,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (subscription_id, id) where status = 'PENDING';
