package org.civicregistry.agreements.readmodel;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.commons.readmodel.OfficialsRecord;
import org.civicregistry.commons.readmodel.ReadModelLookup;
import org.civicregistry.commons.record.PartialDate;

/**
 * What only agreements asks of officials-service's records, beyond the lookups every consumer makes
 * ({@link ReadModelLookup}): who held which post when, the jurisdictions of all of an agreement's
 * parties ({@link KnownOfficials}), and the ids behind the agreement filters' parameters.
 */
@ApplicationScoped
public class KnownRecords {

    private final EntityManager em;
    private final KnownOfficials officials;
    private final ReadModelLookup lookup;

    public KnownRecords(EntityManager em, KnownOfficials officials, ReadModelLookup lookup) {
        this.em = em;
        this.officials = officials;
        this.lookup = lookup;
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
        return lookup.resolve(OfficialsRecord.ORGANIZATION, parameter, idOrSlug);
    }

    public UUID resolvePerson(String parameter, String idOrSlug) {
        return lookup.resolve(OfficialsRecord.PERSON, parameter, idOrSlug);
    }

    public UUID resolvePost(String parameter, String idOrSlug) {
        return lookup.resolve(OfficialsRecord.POST, parameter, idOrSlug);
    }
}
