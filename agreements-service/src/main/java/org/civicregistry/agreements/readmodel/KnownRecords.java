package org.civicregistry.agreements.readmodel;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.commons.record.PartialDate;

/**
 * What the service knows of officials-service's records, from its read model: whether an id is
 * known, the jurisdictions an organization belongs to ({@link KnownOfficials}), who held which post when.
 */
@ApplicationScoped
public class KnownRecords {

    private final EntityManager em;
    private final KnownOfficials officials;

    public KnownRecords(EntityManager em, KnownOfficials officials) {
        this.em = em;
        this.officials = officials;
    }

    public boolean organization(UUID id) {
        return exists("known_organization", id);
    }

    public boolean person(UUID id) {
        return exists("known_person", id);
    }

    public boolean post(UUID id) {
        return exists("known_post", id);
    }

    /**
     * Whether the person held the post (acting included) on {@code day}, per the memberships learned.
     * Partial dates are widened: a membership from 2022-07 covers 2022-07-01, and a signing date of
     * 2021-04 is covered by any membership running at some time that month.
     */
    public boolean held(UUID personId, UUID postId, PartialDate day) {
        Number count = (Number) em.createNativeQuery("""
                select count(*) from known_membership
                where person_id = :person and post_id = :post and status = 'active'
                  and (start_on is null or start_on <= :last) and (end_on is null or end_on >= :first)""")
                .setParameter("person", personId)
                .setParameter("post", postId)
                .setParameter("first", day.firstDay())
                .setParameter("last", day.lastDay())
                .getSingleResult();
        return count.longValue() > 0;
    }

    /** The slugs of the organizations and all their ancestors: the jurisdictions their records belong to. */
    public Set<String> jurisdictionsOf(Collection<UUID> organizationIds) {
        Set<String> slugs = new LinkedHashSet<>();
        organizationIds.forEach(id -> slugs.addAll(officials.jurisdictionsOf(id)));
        return slugs;
    }

    /** An organization named by id or slug in a filter; unknown is a 400 naming the parameter. */
    public UUID resolveOrganization(String parameter, String idOrSlug) {
        return resolve("known_organization", "organization", parameter, idOrSlug);
    }

    public UUID resolvePerson(String parameter, String idOrSlug) {
        return resolve("known_person", "person", parameter, idOrSlug);
    }

    public UUID resolvePost(String parameter, String idOrSlug) {
        return resolve("known_post", "post", parameter, idOrSlug);
    }

    /** The slug of a person or post, for messages; the id when it has none. */
    public String label(String table, UUID id) {
        // No result class on these native queries: given a basic one, Hibernate 7 adds a query plan to its
        // cache on every call until it is full, and every lookup then compares against the pile.
        @SuppressWarnings("unchecked")
        List<String> slugs = em.createNativeQuery("select slug from " + table + " where id = :id and slug is not null")
                .setParameter("id", id).getResultList();
        return slugs.isEmpty() ? id.toString() : slugs.get(0) + " (" + id + ")";
    }

    private UUID resolve(String table, String what, String parameter, String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) {
            return null;
        }
        // at most 200 characters and no control characters: PostgreSQL refuses a NUL in a text parameter
        String key = Params.text(parameter, idOrSlug);
        List<?> found;
        if (key.length() == 36 && key.charAt(8) == '-') {
            found = em.createNativeQuery("select id from " + table + " where id = :id")
                    .setParameter("id", Params.uuid(parameter, key)).getResultList();
        } else {
            // Slugs are unique in officials-service; here an active holder wins over an archived one.
            found = em.createNativeQuery("select id from " + table + " where slug = :slug order by (status = 'active') desc, id limit 1")
                    .setParameter("slug", key).getResultList();
        }
        if (found.isEmpty()) {
            throw ProblemException.badParameter(parameter, "no " + what + " with id or slug '"
                    + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "' is known");
        }
        Object id = found.get(0);
        return id instanceof UUID uuid ? uuid : UUID.fromString(id.toString());
    }

    private boolean exists(String table, UUID id) {
        return !em.createNativeQuery("select 1 from " + table + " where id = :id").setParameter("id", id).getResultList().isEmpty();
    }
}
