package org.civicregistry.agreements.programme;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.agreements.programme.initiative.Initiative;
import org.civicregistry.agreements.programme.initiative.InitiativeInput;
import org.civicregistry.agreements.programme.initiative.InitiativeReferences;
import org.civicregistry.agreements.programme.initiative.Initiatives;
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
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.Lifecycle;
import org.civicregistry.commons.write.RecordService;

@ApplicationScoped
public class ProgrammeService extends RecordService<Programme, ProgrammeInput, ProgrammeView> {

    private final KnownRecords known;
    private final ReadModelLookup lookup;
    private final InitiativeReferences references;

    public ProgrammeService(KnownRecords known, ReadModelLookup lookup, InitiativeReferences references) {
        this.known = known;
        this.lookup = lookup;
        this.references = references;
    }

    @Override
    public String entityType() {
        return "programme";
    }

    @Override
    public String collection() {
        return "programmes";
    }

    @Override
    protected Class<Programme> entityClass() {
        return Programme.class;
    }

    @Override
    protected Class<ProgrammeInput> inputClass() {
        return ProgrammeInput.class;
    }

    @Override
    protected Programme newEntity() {
        return new Programme();
    }

    @Override
    protected void apply(Programme programme, ProgrammeInput input) {
        ProgrammeStatus status = nextStatus(programme, input.status());
        if (status.announced() && input.announcedOn() == null) {
            throw ProblemException.invalid("announcedOn", "is required once the programme is " + Enums.wire(status));
        }
        if (input.announcedBy() != null && input.announcedOn() == null) {
            throw ProblemException.invalid("announcedOn", "is required with announcedBy: the post is checked on that day");
        }
        Period period = input.period();
        if (period != null && period.start() != null && period.end() != null && period.end().lastDay().isBefore(period.start().firstDay())) {
            throw ProblemException.invalid("period.end", "must not be before period.start");
        }
        List<InitiativeInput> initiatives = input.initiatives() == null ? List.of() : input.initiatives();
        Initiatives.check(initiatives);
        checkReferences(input);
        references.checkAll(initiatives);

        programme.slug = input.slug();
        programme.title = input.title();
        programme.summary = input.summary();
        programme.kind = input.kind();
        programme.lifecycle = status;
        programme.ownerId = input.ownerId();
        programme.periodStart = period == null ? null : period.start();
        programme.periodEnd = period == null ? null : period.end();
        programme.announcedOn = input.announcedOn();
        programme.announcedBy = input.announcedBy();
        programme.announcementEventId = input.announcementEventId();
        programme.initiatives = Initiatives.merge(programme.initiatives, initiatives);
        programme.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        programme.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
        programme.derive();
    }

    /** The state after the write: on create the initial one, on update the current one or a valid transition. */
    private static ProgrammeStatus nextStatus(Programme programme, ProgrammeStatus requested) {
        if (programme.id == null) {
            return requested == null ? ProgrammeStatus.DRAFT : requested;
        }
        if (requested == null || requested == programme.lifecycle) {
            return programme.lifecycle;
        }
        Lifecycle.requireMove("programme", programme.lifecycle, requested);
        return requested;
    }

    /**
     * The owner and the announcer must be known from civic.officials.v1 and the announcement from
     * civic.events.v1 (422 unknown-reference naming the field), and the announcer must have held the
     * stated post on announcedOn, as a signatory must have on an agreement's signing date.
     */
    private void checkReferences(ProgrammeInput input) {
        lookup.require(OfficialsRecord.ORGANIZATION, "ownerId", input.ownerId());
        lookup.require(KnownEvent.EVENT, "announcementEventId", input.announcementEventId());
        Announcer by = input.announcedBy();
        if (by == null) {
            return;
        }
        lookup.require(OfficialsRecord.PERSON, "announcedBy.personId", by.personId());
        lookup.require(OfficialsRecord.POST, "announcedBy.postId", by.postId());
        PartialDate on = input.announcedOn();
        if (!known.held(by.personId(), by.postId(), on)) {
            String message = "person " + lookup.label(OfficialsRecord.PERSON, by.personId()) + " did not hold post "
                    + lookup.label(OfficialsRecord.POST, by.postId()) + " on " + on + ", according to the memberships learned from officials-service";
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The announcer did not hold the stated post on the announcement date "
                    + on + ".", List.of(new Violation("announcedBy", message)), List.of());
        }
    }

    @Override
    protected ProgrammeInput inputOf(Programme p) {
        return new ProgrammeInput(p.slug, p.title, p.summary, p.kind, p.lifecycle, p.ownerId, p.period(), p.announcedOn, p.announcedBy,
                p.announcementEventId, p.initiatives.stream().map(Initiative::input).toList(), p.identifiers, p.sources);
    }

    @Override
    public ProgrammeView view(Programme p) {
        return new ProgrammeView(p.id, p.slug, p.title, p.summary, p.kind, p.lifecycle, p.status, p.ownerId, p.period(), p.announcedOn,
                p.announcedBy, p.announcementEventId, p.initiatives, Initiatives.statusCounts(p.initiatives), p.identifiers, p.sources,
                p.createdAt, p.updatedAt, p.version);
    }

    /**
     * The owner and its ancestors: an editor of any of them may write the programme. A lead
     * organization is a link and gives no authority over the programme.
     */
    @Override
    protected Set<String> jurisdictionsOf(Programme programme) {
        return known.jurisdictionsOf(List.of(programme.ownerId));
    }

    /** For the initiative writes, which share the programme's row lock, jurisdiction and history. */
    public void requireWritable(Programme programme) {
        requireWrite(programme);
    }

    /**
     * A transition is the event type: {@code civic.programme.announced}, {@code .in_progress},
     * {@code .concluded}; otherwise a change of an initiative's status is
     * {@code civic.programme.initiative.status_changed}.
     */
    @Override
    protected String updateAction(ProgrammeInput before, Programme after) {
        if (before.status() != after.lifecycle) {
            return Enums.wire(after.lifecycle);
        }
        return Initiatives.statusChanged(before.initiatives(), after.initiatives) ? "initiative.status_changed" : "updated";
    }

    /** {@code POST /{id}/transitions}: a merge patch of status (and announcedOn), after the checks of every update. */
    @Transactional
    public Programme transition(UUID id, HttpHeaders headers, ProgrammeTransition transition) {
        return transition(id, headers, programme -> {
            Lifecycle.requireMove(entityType(), programme.lifecycle, transition.to());
            ObjectNode patch = mapper.createObjectNode().put("status", transition.to().wire());
            if (transition.announcedOn() != null) {
                patch.put("announcedOn", transition.announcedOn().toString());
            }
            return patch;
        });
    }

    /** In id order (the order they were registered in); archived ones only with recordStatus=archived. */
    public Page<ProgrammeView> list(ProgrammeFilter filter, PageRequest page) {
        Where where = new Where()
                .and("p.status = :recordStatus", "recordStatus", filter.recordStatus() == null ? RecordStatus.ACTIVE : filter.recordStatus())
                .and("p.lifecycle = :lifecycle", "lifecycle", filter.status())
                .hasIdentifier("p.identifiers", filter.identifier())
                .and("p.id in (:ids)", "ids", filter.ids())
                .and("p.ownerId = :owner", "owner", filter.ownerId())
                .and("p.kind = :kind", "kind", filter.kind())
                .and("(p.periodTo is null or p.periodTo >= :periodFrom)", "periodFrom", filter.periodFrom())
                .and("(p.periodFrom is null or p.periodFrom <= :periodTo)", "periodTo", filter.periodTo())
                .and("p.updatedAt >= :since", "since", filter.updatedSince())
                .contains("p.searchText", "q", filter.q())
                .and("p.slug = :slug", "slug", filter.slug());
        Total total = page.count().jpql(em, "Programme p", where);
        where.and("p.id > :after", "after", Cursor.decodeId(page.cursor()));
        List<Programme> rows = where.bind(em.createQuery("select p from Programme p" + where.jpql() + " order by p.id", Programme.class))
                .setMaxResults(page.fetchSize()).getResultList();
        return Page.of(rows, page.limit(), this::view, p -> Cursor.after(p.id)).with(total);
    }
}
