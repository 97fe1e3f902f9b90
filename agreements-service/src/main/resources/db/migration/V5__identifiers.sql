-- ?identifier=scheme:value on every collection (RecordService, Where.hasIdentifier). Hibernate's query
-- language has no @> operator, so it calls this function, which PostgreSQL inlines into
-- identifiers @> ... (a one-expression SQL function), so the GIN indexes below serve it.
create function civic_has_identifier(identifiers jsonb, wanted text) returns boolean
    language sql immutable parallel safe
    as $$ select identifiers @> wanted::jsonb $$;

create index agreement_identifiers on agreement using gin (identifiers jsonb_path_ops);
create index programme_identifiers on programme using gin (identifiers jsonb_path_ops);
