-- Brings the read model tables V1 created to their one definition (commons db/readmodel/V1_1),
-- which events-service's V1 already had: names and labels not null, the organization tree indexed.
-- A row learned from a snapshot without a name (officials-service never publishes one; the shared
-- projection now skips it) keeps its place with an empty name, so the record stays known and
-- references to it stay valid.
update known_organization set name = '{}' where name is null;
alter table known_organization alter column name set not null;
create index if not exists known_organization_parent on known_organization (parent_id);

update known_person set name = '{}' where name is null;
alter table known_person alter column name set not null;

update known_post set label = '{}' where label is null;
alter table known_post alter column label set not null;
