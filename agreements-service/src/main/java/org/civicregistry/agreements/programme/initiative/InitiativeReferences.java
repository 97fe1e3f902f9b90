package org.civicregistry.agreements.programme.initiative;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.civicregistry.agreements.agreement.Agreement;
import org.civicregistry.agreements.readmodel.KnownEvent;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.readmodel.OfficialsRecord;
import org.civicregistry.commons.readmodel.ReadModelLookup;

/**
 * The references an initiative makes, checked wherever it is written (in its programme or alone): a
 * lead organization known from civic.officials.v1, events known from civic.events.v1, and agreement
 * items that exist in this service.
 */
@ApplicationScoped
public class InitiativeReferences {

    private final EntityManager em;
    private final ReadModelLookup lookup;

    public InitiativeReferences(EntityManager em, ReadModelLookup lookup) {
        this.em = em;
        this.lookup = lookup;
    }

    /** {@code prefix} is where the initiative is in the body: {@code initiatives[2].}, or empty for one alone. */
    public void check(String prefix, InitiativeInput initiative) {
        lookup.require(OfficialsRecord.ORGANIZATION, prefix + "leadOrganizationId", initiative.leadOrganizationId());
        List<UUID> events = initiative.eventIds() == null ? List.of() : initiative.eventIds();
        for (int e = 0; e < events.size(); e++) {
            lookup.require(KnownEvent.EVENT, prefix + "eventIds[" + e + "]", events.get(e));
        }
        List<AgreementItemRef> refs = initiative.agreementItems() == null ? List.of() : initiative.agreementItems();
        for (int r = 0; r < refs.size(); r++) {
            AgreementItemRef ref = refs.get(r);
            String at = prefix + "agreementItems[" + r + "]";
            Agreement agreement = em.find(Agreement.class, ref.agreementId());
            if (agreement == null) {
                throw ProblemException.unknownReference(at + ".agreementId", ref.agreementId());
            }
            if (agreement.items.stream().noneMatch(i -> i.number() == ref.number())) {
                throw new ProblemException(ProblemType.UNKNOWN_REFERENCE, "Agreement " + ref.agreementId() + " has no item "
                        + ref.number() + ".", List.of(new Violation(at + ".number", "agreement " + ref.agreementId()
                                + " has no item " + ref.number())), List.of());
            }
        }
    }

    public void checkAll(List<InitiativeInput> initiatives) {
        for (int i = 0; i < initiatives.size(); i++) {
            check("initiatives[" + i + "].", initiatives.get(i));
        }
    }

    /** For filters: an organization by id or slug (unknown is a 400 naming the parameter). */
    public UUID resolveOrganization(String parameter, String idOrSlug) {
        return lookup.resolve(OfficialsRecord.ORGANIZATION, parameter, idOrSlug);
    }
}
