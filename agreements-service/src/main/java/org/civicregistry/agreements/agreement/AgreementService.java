package org.civicregistry.agreements.agreement;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.agreements.item.ItemInput;
import org.civicregistry.agreements.item.Items;
import org.civicregistry.agreements.readmodel.KnownEvent;
import org.civicregistry.agreements.readmodel.KnownRecords;
import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.readmodel.OfficialsRecord;
import org.civicregistry.commons.readmodel.ReadModelLookup;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.Lifecycle;
import org.civicregistry.commons.write.RecordService;

@ApplicationScoped
public class AgreementService extends RecordService<Agreement, AgreementInput, AgreementView> {

    private final KnownRecords known;
    private final ReadModelLookup lookup;

    public AgreementService(KnownRecords known, ReadModelLookup lookup) {
        this.known = known;
        this.lookup = lookup;
    }

    @Override
    public String entityType() {
        return "agreement";
    }

    @Override
    public String collection() {
        return "agreements";
    }

    @Override
    protected Class<Agreement> entityClass() {
        return Agreement.class;
    }

    @Override
    protected Class<AgreementInput> inputClass() {
        return AgreementInput.class;
    }

    @Override
    protected Agreement newEntity() {
        return new Agreement();
    }

    @Override
    protected void apply(Agreement agreement, AgreementInput input) {
        AgreementStatus status = nextStatus(agreement, input.status());
        if (status.signed() && input.signedOn() == null) {
            throw ProblemException.invalid("signedOn", "is required once the agreement is " + Enums.wire(status));
        }
        if (input.effectiveFrom() != null && input.effectiveUntil() != null
                && input.effectiveUntil().lastDay().isBefore(input.effectiveFrom().firstDay())) {
            throw ProblemException.invalid("effectiveUntil", "must not be before effectiveFrom");
        }
        List<ItemInput> items = input.items() == null ? List.of() : input.items();
        requireDistinctParties(input.parties());
        requirePartiesKept(agreement, input.parties());
        Items.check(items, input.signedOn(), input.effectiveUntil());
        checkReferences(agreement, input);

        agreement.slug = input.slug();
        agreement.title = input.title();
        agreement.summary = input.summary();
        agreement.kind = input.kind();
        agreement.lifecycle = status;
        agreement.signedOn = input.signedOn();
        agreement.place = input.place();
        agreement.effectiveFrom = input.effectiveFrom();
        agreement.effectiveUntil = input.effectiveUntil();
        agreement.parties = input.parties().stream().map(Party::withDefaultRole).toList();
        agreement.items = Items.merge(agreement.items, items);
        agreement.documents = input.documents() == null ? List.of() : List.copyOf(input.documents());
        agreement.amendsId = input.amendsId();
        agreement.supersedesId = input.supersedesId();
        agreement.signingEventId = input.signingEventId();
        agreement.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        agreement.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
        agreement.derive();
    }

    /** The state after the write: on create the initial one, on update the current one or a valid transition. */
    private static AgreementStatus nextStatus(Agreement agreement, AgreementStatus requested) {
        if (requested == AgreementStatus.ARCHIVED) {
            throw ProblemException.invalid("status", "an agreement is archived with DELETE");
        }
        if (agreement.id == null) {
            return requested == null ? AgreementStatus.DRAFT : requested;
        }
        if (requested == null || requested == agreement.lifecycle) {
            return agreement.lifecycle;
        }
        Lifecycle.requireMove("agreement", agreement.lifecycle, requested);
        return requested;
    }

    private static void requireDistinctParties(List<Party> parties) {
        Map<UUID, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < parties.size(); i++) {
            Integer other = firstAt.putIfAbsent(parties.get(i).organizationId(), i);
            if (other != null) {
                throw ProblemException.invalid("parties[" + i + "].organizationId", "is already parties[" + other + "]");
            }
        }
    }

    /**
     * Each party's entry (its role, its signatory, its being a party at all) is that party's to
     * change: an editor of Gyeonggi may add Gwangju to a Gyeonggi agreement, a link, but not drop
     * Gwangju from it or say who signed for Gwangju. Otherwise an editor of one party could rewrite
     * what another jurisdiction agreed to, or shut it out of the record.
     */
    private void requirePartiesKept(Agreement agreement, List<Party> parties) {
        if (agreement.id == null) {
            return;
        }
        Map<UUID, Party> next = new HashMap<>();
        parties.forEach(p -> next.put(p.organizationId(), p.withDefaultRole()));
        for (Party party : agreement.parties) {
            if (!party.equals(next.get(party.organizationId()))) {
                jurisdictions.requireWrite(known.jurisdictionsOf(List.of(party.organizationId())),
                        "the party entry of organization " + lookup.label(OfficialsRecord.ORGANIZATION, party.organizationId()));
            }
        }
    }

    /**
     * Organizations, people and posts must be known from civic.officials.v1 and the signing event
     * from civic.events.v1 (422 unknown-reference naming the field), and a signatory must have held
     * the post on the signing date (422).
     */
    private void checkReferences(Agreement agreement, AgreementInput input) {
        lookup.require(KnownEvent.EVENT, "signingEventId", input.signingEventId());
        for (int i = 0; i < input.parties().size(); i++) {
            Party party = input.parties().get(i);
            String at = "parties[" + i + "]";
            lookup.require(OfficialsRecord.ORGANIZATION, at + ".organizationId", party.organizationId());
            Signatory signatory = party.signatory();
            if (signatory == null) {
                continue;
            }
            lookup.require(OfficialsRecord.PERSON, at + ".signatory.personId", signatory.personId());
            lookup.require(OfficialsRecord.POST, at + ".signatory.postId", signatory.postId());
            if (input.signedOn() != null && !known.held(signatory.personId(), signatory.postId(), input.signedOn())) {
                String message = "person " + lookup.label(OfficialsRecord.PERSON, signatory.personId()) + " did not hold post "
                        + lookup.label(OfficialsRecord.POST, signatory.postId()) + " on " + input.signedOn()
                        + ", according to the memberships learned from officials-service";
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The signatory of " + at + " did not hold the stated post "
                        + "on the signing date " + input.signedOn() + ".", List.of(new Violation(at + ".signatory", message)), List.of());
            }
        }
        for (String field : List.of("amendsId", "supersedesId")) {
            UUID other = field.equals("amendsId") ? input.amendsId() : input.supersedesId();
            if (other == null) {
                continue;
            }
            if (other.equals(agreement.id)) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "An agreement cannot amend or supersede itself.",
                        List.of(new Violation(field, "is this agreement")), List.of());
            }
            if (em.find(Agreement.class, other) == null) {
                throw ProblemException.unknownReference(field, other);
            }
        }
    }

    @Override
    protected AgreementInput inputOf(Agreement a) {
        return new AgreementInput(a.slug, a.title, a.summary, a.kind, a.lifecycle, a.signedOn, a.place, a.effectiveFrom,
                a.effectiveUntil, a.parties, a.items.stream().map(org.civicregistry.agreements.item.Item::input).toList(),
                a.documents, a.amendsId, a.supersedesId, a.signingEventId, a.identifiers, a.sources);
    }

    @Override
    public AgreementView view(Agreement a) {
        return new AgreementView(a.id, a.slug, a.title, a.summary, a.kind, a.publicStatus(), a.signedOn, a.place,
                a.effectiveFrom, a.effectiveUntil, a.parties, a.items, a.documents, a.amendsId, a.supersedesId,
                a.signingEventId, a.identifiers, a.sources, a.createdAt, a.updatedAt, a.version);
    }

    /**
     * The parties' organizations and their ancestors: an editor of any of them may write the agreement
     * (an agreement is every party's record), within the party rule of {@link #requirePartiesKept}.
     */
    @Override
    protected Set<String> jurisdictionsOf(Agreement agreement) {
        return known.jurisdictionsOf(List.of(agreement.partyIds));
    }

    /** For the item writes, which share the agreement's row lock, jurisdiction and history. */
    public void requireWritable(Agreement agreement) {
        jurisdictions.requireWrite(jurisdictionsOf(agreement), "agreement " + (agreement.slug != null ? agreement.slug : agreement.id));
    }

    /**
     * A transition is the event type: {@code civic.agreement.signed}, {@code civic.agreement.in_force}, ...;
     * otherwise a change of an item's status is {@code civic.agreement.item.status_changed}.
     */
    @Override
    protected String updateAction(AgreementInput before, Agreement after) {
        if (before.status() != after.lifecycle) {
            return Enums.wire(after.lifecycle);
        }
        return Items.statusChanged(before.items(), after.items) ? "item.status_changed" : "updated";
    }

    /**
     * {@code POST /{id}/transitions}: a merge patch of status (and signedOn), after the checks of every
     * update; staying in place is no transition.
     */
    @Transactional
    public Agreement transition(UUID id, HttpHeaders headers, TransitionInput transition) {
        return transition(id, headers, agreement -> {
            if (transition.to() == AgreementStatus.ARCHIVED) {
                throw ProblemException.invalid("to", "an agreement is archived with DELETE");
            }
            Lifecycle.requireMove(entityType(), agreement.lifecycle, transition.to());
            ObjectNode patch = mapper.createObjectNode().put("status", transition.to().wire());
            if (transition.signedOn() != null) {
                patch.put("signedOn", transition.signedOn().toString());
            }
            return patch;
        });
    }

    public Page<AgreementView> list(AgreementFilter filter, PageRequest page) {
        Where where = new Where();
        if (filter.status() == AgreementStatus.ARCHIVED) {
            where.and("a.status = :status", "status", RecordStatus.ARCHIVED);
        } else {
            where.and("a.status = :status", "status", RecordStatus.ACTIVE)
                    .and("a.lifecycle = :lifecycle", "lifecycle", filter.status());
        }
        where.and("array_contains(a.partyIds, :party)", "party", filter.partyId())
                .and("array_contains(a.signatoryIds, :signatory)", "signatory", filter.signatoryId())
                .and("array_contains(a.signatoryPostIds, :post)", "post", filter.postId())
                .and("array_contains(a.itemSectors, :sector)", "sector", filter.sector())
                .and("a.kind = :kind", "kind", filter.kind())
                .and("a.signedTo >= :from", "from", filter.from())
                .and("a.signedFrom <= :to", "to", filter.to())
                .and("a.updatedAt >= :since", "since", filter.updatedSince())
                .contains("a.searchText", "q", filter.q())
                .and("a.slug = :slug", "slug", filter.slug())
                .hasIdentifier("a.identifiers", filter.identifier())
                .and("a.id in (:ids)", "ids", filter.ids());
        Total total = page.count().jpql(em, "Agreement a", where);
        if (page.cursor() != null) {
            List<String> key = Cursor.decode(page.cursor(), 2);
            LocalDate afterDate;
            UUID afterId;
            try {
                afterDate = LocalDate.parse(key.get(0));
                afterId = UUID.fromString(key.get(1));
            } catch (RuntimeException e) {
                throw ProblemException.badParameter("cursor", "not a cursor this API issued; use nextCursor from a previous page");
            }
            where.and("(a.signingOrder > :afterDate or (a.signingOrder = :afterDate and a.id > :afterId))", "afterDate", afterDate)
                    .param("afterId", afterId);
        }
        List<Agreement> rows = where.bind(em.createQuery("select a from Agreement a" + where.jpql()
                + " order by a.signingOrder, a.id", Agreement.class)).setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, a -> Cursor.encode(a.signingOrder.toString(), a.id.toString()))
                .with(total);
    }
}
