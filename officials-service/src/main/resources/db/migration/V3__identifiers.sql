-- ?identifier=scheme:value on every collection (RecordService, Where.hasIdentifier). Hibernate's query
-- language has no @> operator, so it calls this function, which PostgreSQL inlines into
-- identifiers @> ... (a one-expression SQL function), so the GIN indexes below serve it.
create function civic_has_identifier(identifiers jsonb, wanted text) returns boolean
    language sql immutable parallel safe
    as $$ select identifiers @> wanted::jsonb $$;

create index organization_identifiers on organization using gin (identifiers jsonb_path_ops);
create index person_identifiers on person using gin (identifiers jsonb_path_ops);
create index post_identifiers on post using gin (identifiers jsonb_path_ops);
create index membership_identifiers on membership using gin (identifiers jsonb_path_ops);
