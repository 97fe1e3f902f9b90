-- Programmes: a government's (or a committee's, a task force's) numbered commitments over a
-- period: an annual plan, election pledges, policy proposals. Initiatives, their sub-items and
-- their progress reports belong to the programme (jsonb), so one row lock serializes every change
-- of the programme and of its initiatives, as items do an agreement's.
create table programme (
    id                    uuid primary key,
    slug                  text unique,
    title                 jsonb       not null,
    summary               jsonb,
    kind                  text        not null,
    lifecycle             text        not null check (lifecycle in ('DRAFT', 'ANNOUNCED', 'IN_PROGRESS', 'CONCLUDED')),
    owner_id              uuid        not null,
    period_start          text,
    period_end            text,
    -- first day period_start and last day period_end may stand for (partial dates widened); null = open
    period_from           date,
    period_to             date,
    announced_on          text,
    announced_by          jsonb,
    announcement_event_id uuid,
    initiatives           jsonb       not null default '[]',
    identifiers           jsonb       not null default '[]',
    sources               jsonb       not null default '[]',
    status                text        not null check (status in ('ACTIVE', 'ARCHIVED')),
    search_text           text        not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               integer     not null,
    check (period_to is null or period_from is null or period_to >= period_from)
);
create index programme_owner on programme (owner_id, id);
create index programme_updated on programme (updated_at);
create index programme_search on programme using gin (search_text gin_trgm_ops);

-- GET /programmes/{id}?at= reads the newest version recorded by the end of a day.
create index if not exists record_history_changed on record_history (entity_type, entity_id, changed_at);
