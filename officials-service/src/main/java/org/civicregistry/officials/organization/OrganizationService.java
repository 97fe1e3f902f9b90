package org.civicregistry.officials.organization;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.security.JurisdictionChain;
import org.civicregistry.commons.write.RecordService;

@ApplicationScoped
public class OrganizationService extends RecordService<Organization, OrganizationInput, OrganizationView> {

    @Override
    public String entityType() {
        return "organization";
    }

    @Override
    public String collection() {
        return "organizations";
    }

    @Override
    protected Class<Organization> entityClass() {
        return Organization.class;
    }

    @Override
    protected Class<OrganizationInput> inputClass() {
        return OrganizationInput.class;
    }

    @Override
    protected Organization newEntity() {
        return new Organization();
    }

    @Override
    protected void apply(Organization org, OrganizationInput input) {
        if (input.foundedOn() != null && input.dissolvedOn() != null
                && input.dissolvedOn().lastDay().isBefore(input.foundedOn().firstDay())) {
            throw ProblemException.invalid("dissolvedOn", "must not be before foundedOn");
        }
        if (input.parentId() != null) {
            Organization parent = em.find(Organization.class, input.parentId());
            if (parent == null) {
                throw ProblemException.unknownReference("parentId", input.parentId());
            }
            if (org.id != null && ancestorIds(input.parentId()).contains(org.id)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "An organization cannot be placed under itself or one of its own parts.",
                        List.of(new org.civicregistry.commons.problem.Violation("parentId", "would make a cycle")), List.of());
            }
        }
        if (org.id == null || !Objects.equals(org.parentId, input.parentId())) {
            requireParentWrite(input.parentId(), "the new parent");
            if (org.id != null) {
                requireParentWrite(org.parentId, "the current parent");
            }
        }
        org.slug = input.slug();
        org.name = input.name();
        org.otherNames = input.otherNames() == null ? List.of() : List.copyOf(input.otherNames());
        org.classification = input.classification();
        org.parentId = input.parentId();
        org.divisionId = input.divisionId();
        org.foundedOn = input.foundedOn();
        org.dissolvedOn = input.dissolvedOn();
        org.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        org.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
    }

    /**
     * Where an organization sits is its parent's business: an organization owns itself, so without
     * this its editor could move it (and with it their jurisdiction) under any other organization.
     * Placing one at the top, or taking one from there, is for admins.
     */
    private void requireParentWrite(UUID parentId, String which) {
        jurisdictions.requireWrite(parentId == null ? Set.of() : jurisdictionsOf(parentId),
                which + " " + (parentId == null ? "(none: a top-level organization)" : "organization " + parentId));
    }

    @Override
    protected OrganizationInput inputOf(Organization org) {
        return new OrganizationInput(org.slug, org.name, org.otherNames, org.classification, org.parentId, org.divisionId,
                org.foundedOn, org.dissolvedOn, org.identifiers, org.sources);
    }

    @Override
    public OrganizationView view(Organization org) {
        return new OrganizationView(org.id, org.slug, org.name, org.otherNames, org.classification, org.parentId,
                org.divisionId, org.foundedOn, org.dissolvedOn, org.identifiers, org.sources, org.status, org.createdAt,
                org.updatedAt, org.version);
    }

    @Override
    protected Set<String> jurisdictionsOf(Organization org) {
        Set<String> slugs = new LinkedHashSet<>();
        if (org.slug != null) {
            slugs.add(org.slug);
        }
        if (org.parentId != null) {
            slugs.addAll(jurisdictionsOf(org.parentId));
        }
        return slugs;
    }

    /** The slugs of an organization and all its ancestors: the jurisdictions its records belong to. */
    public Set<String> jurisdictionsOf(UUID organizationId) {
        return JurisdictionChain.slugs(em, "organization", organizationId);
    }

    private Set<UUID> ancestorIds(UUID organizationId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                with recursive chain (id, parent_id, depth) as (
                    select id, parent_id, 0 from organization where id = :id
                    union all
                    select o.id, o.parent_id, c.depth + 1 from organization o join chain c on o.id = c.parent_id
                    where c.depth < :max)
                select id from chain""") // no result class: Hibernate 7 caches a plan per call for a basic one
                .setParameter("id", organizationId)
                .setParameter("max", JurisdictionChain.MAX_DEPTH)
                .getResultList();
        return new HashSet<>(ids);
    }

    public Page<OrganizationView> list(OrganizationFilter filter, PageRequest page) {
        Where where = new Where()
                .and("o.status = :status", "status", filter.status() == null ? RecordStatus.ACTIVE : filter.status())
                .and("o.slug = :slug", "slug", filter.slug())
                .hasIdentifier("o.identifiers", filter.identifier())
                .and("o.id in (:ids)", "ids", filter.ids())
                .and("o.classification = :classification", "classification", filter.classification())
                .and("o.parentId = :parent", "parent", filter.parentId())
                .and("o.updatedAt >= :since", "since", filter.updatedSince())
                .contains("o.searchText", "q", filter.q());
        Total total = page.count().jpql(em, "Organization o", where);
        where.and("o.id > :after", "after", Cursor.decodeId(page.cursor()));
        List<Organization> rows = where.bind(em.createQuery("select o from Organization o" + where.jpql() + " order by o.id",
                Organization.class)).setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, o -> Cursor.after(o.id)).with(total);
    }
}
