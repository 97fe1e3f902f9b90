package org.civicregistry.officials.person;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.RecordService;
import org.civicregistry.officials.organization.Organization;
import org.civicregistry.officials.organization.OrganizationService;

@ApplicationScoped
public class PersonService extends RecordService<Person, PersonInput, PersonView> {

    private final OrganizationService organizations;

    public PersonService(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public String entityType() {
        return "person";
    }

    @Override
    public String collection() {
        return "people";
    }

    @Override
    protected Class<Person> entityClass() {
        return Person.class;
    }

    @Override
    protected Class<PersonInput> inputClass() {
        return PersonInput.class;
    }

    @Override
    protected Person newEntity() {
        return new Person();
    }

    @Override
    protected void apply(Person person, PersonInput input) {
        UUID owner = input.ownerOrganizationId();
        if (owner == null) {
            owner = person.id == null ? creatorsOrganization() : person.ownerOrganizationId;
        } else if (em.find(Organization.class, owner) == null) {
            throw ProblemException.unknownReference("ownerOrganizationId", owner);
        }
        person.ownerOrganizationId = owner;
        person.slug = input.slug();
        person.name = input.name();
        person.otherNames = input.otherNames() == null ? List.of() : List.copyOf(input.otherNames());
        person.birthDate = input.birthDate();
        person.image = input.image() == null ? null : input.image().toString();
        person.contacts = input.contacts() == null ? List.of() : List.copyOf(input.contacts());
        person.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        person.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
    }

    @Override
    protected PersonInput inputOf(Person person) {
        return new PersonInput(person.slug, person.name, person.otherNames, person.birthDate,
                person.image == null ? null : java.net.URI.create(person.image), person.contacts, person.identifiers,
                person.sources, person.ownerOrganizationId);
    }

    @Override
    public PersonView view(Person person) {
        return new PersonView(person.id, person.slug, person.name, person.otherNames, person.birthDate,
                person.image == null ? null : java.net.URI.create(person.image), person.contacts, person.identifiers,
                person.sources, person.ownerOrganizationId, person.status, person.createdAt, person.updatedAt, person.version);
    }

    /**
     * A person is owned by the jurisdiction of their owner organization, and by nothing else: a
     * membership says where someone serves, and the editor who records it must not gain the person
     * (an editor of Gwangju listing Gyeonggi's governor on a Gwangju committee may not then rewrite
     * or archive the governor). A person without an owner is written by admins only.
     */
    @Override
    protected Set<String> jurisdictionsOf(Person person) {
        return person.ownerOrganizationId == null ? Set.of() : organizations.jurisdictionsOf(person.ownerOrganizationId);
    }

    /**
     * The owner of a person an editor creates without naming one: the organization their token's one
     * jurisdiction names. Admins need no owner (the person is then theirs alone).
     */
    private UUID creatorsOrganization() {
        if (jurisdictions.isAdmin()) {
            return null;
        }
        Set<String> granted = jurisdictions.granted();
        List<UUID> ids = granted.isEmpty() ? List.of()
                : em.createQuery("select o.id from Organization o where o.slug in :slugs", UUID.class)
                        .setParameter("slugs", granted).getResultList();
        if (ids.size() != 1) {
            throw ProblemException.invalid("ownerOrganizationId", "is required: your token grants "
                    + (ids.isEmpty() ? "no jurisdiction that names an organization" : "several jurisdictions") + ", so say which owns the person");
        }
        return ids.get(0);
    }

    public Page<PersonView> list(PersonFilter filter, PageRequest page) {
        Where where = new Where()
                .and("p.status = :status", "status", filter.status() == null ? RecordStatus.ACTIVE : filter.status())
                .and("p.slug = :slug", "slug", filter.slug())
                .hasIdentifier("p.identifiers", filter.identifier())
                .and("p.id in (:ids)", "ids", filter.ids())
                .and("p.updatedAt >= :since", "since", filter.updatedSince())
                .contains("p.searchText", "q", filter.q());
        if (filter.byMembership()) {
            Where membership = new Where()
                    .and("m.personId = p.id")
                    .and("m.status = :activeMembership", "activeMembership", RecordStatus.ACTIVE)
                    .and("m.organizationId = :organization", "organization", filter.organizationId())
                    .and("m.postId = :post", "post", filter.postId())
                    .and("m.role = :role", "role", filter.role())
                    .and("m.onBehalfOfId = :party", "party", filter.partyId())
                    .and("(m.startOn is null or m.startOn <= :at) and (m.endOn is null or m.endOn >= :at)", "at", filter.at());
            where.and("exists (select 1 from Membership m" + membership.jpql() + ")");
            membership.bindTo(where);
        }
        Total total = page.count().jpql(em, "Person p", where);
        where.and("p.id > :after", "after", Cursor.decodeId(page.cursor()));
        List<Person> rows = where.bind(em.createQuery("select p from Person p" + where.jpql() + " order by p.id", Person.class))
                .setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, p -> Cursor.after(p.id)).with(total);
    }
}
