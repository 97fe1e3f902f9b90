-- A person is owned by one organization's jurisdiction, named on the record. Before, a person
-- belonged to the jurisdictions of every membership pointing at them, so an editor who recorded a
-- membership (a link they may make) gained the person: that is closed by owning, not linking.
alter table person add column owner_organization_id uuid references organization (id);

-- Existing people go to the organization of their oldest active membership: the jurisdiction that
-- first placed them, before anyone else could link them. People without one stay unowned (admins
-- only) until an admin names an owner; docs/api-guide.md says so.
update person p set owner_organization_id = (
    select m.organization_id from membership m
    where m.person_id = p.id and m.status = 'ACTIVE'
    order by m.created_at, m.id
    limit 1);

create index person_owner_idx on person (owner_organization_id);
