package org.civicregistry.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.write.RecordService;
import org.civicregistry.events.calendar.CalendarZones;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.readmodel.KnownRecord;
import org.civicregistry.events.readmodel.References;

/**
 * The rules of events: times with their IANA zone, references checked against the read models,
 * the lifecycle (valid transitions only; a new start is a reschedule that keeps the old one;
 * cancelled and completed events keep their times), the iCalendar SEQUENCE, and the queries of the
 * list and the feeds, ordered by start.
 */
@ApplicationScoped
public class EventService extends RecordService<Event, EventInput, EventView> {

    /** The domain of every event's iCalendar UID: {@code <id>@civic-registry}. */
    public static final String UID_DOMAIN = "civic-registry";

    /** Dates in filters (from=2023-10-12) are days in Korea, where the register's offices are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    private static final int MAX_DEPTH = 16;

    /** Events organized by an organization or any of its parts, from the organization read model. */
    private static final String ORGANIZATION_TREE = """
            e.organizer_id in (
                with recursive tree (id, depth) as (
                    select cast(:organization as uuid), 0
                    union all
                    select o.id, t.depth + 1 from known_organization o join tree t on o.parent_id = t.id
                    where t.depth < %d)
                select id from tree)""".formatted(MAX_DEPTH);

    private final References references;
    private final CalendarZones zones;
    private final EventsConfig config;

    public EventService(References references, CalendarZones zones, EventsConfig config) {
        this.references = references;
        this.zones = zones;
        this.config = config;
    }

    @Override
    public String entityType() {
        return "event";
    }

    @Override
    protected Class<Event> entityClass() {
        return Event.class;
    }

    @Override
    protected Class<EventInput> inputClass() {
        return EventInput.class;
    }

    @Override
    protected Event newEntity() {
        return new Event();
    }

    /**
     * As {@link RecordService#create}, but the change is {@code civic.event.scheduled}: the name of
     * what happened to a public schedule, as a subscriber expects it. (RecordService records every
     * creation as {@code created} and has no hook for another name yet.)
     */
    @Override
    @Transactional
    public Event create(EventInput input) {
        Event event = newEntity();
        apply(event, input);
        event.initialize();
        jurisdictions.requireWrite(jurisdictionsOf(event), "a new event of organizer " + event.organizerId);
        em.persist(event);
        em.flush();
        changes.record(entityType(), event.id, event.version, "scheduled", event.updatedAt, view(event));
        return event;
    }

    /**
     * Moves an event to another status: {@code cancelled}, {@code completed}, ... or
     * {@code rescheduled} with a new start (the duration is kept when no end is given). Runs as a
     * merge patch of the status (and times), so it shares the lock, If-Match, rules and event of PATCH.
     */
    @Transactional
    public Event transition(UUID id, HttpHeaders headers, Transition transition) {
        // Lock first, so the state the transition is judged on is the one it is applied to.
        Event current = em.find(Event.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (current == null) {
            throw ProblemException.notFound(entityType(), id);
        }
        jurisdictions.requireWrite(jurisdictionsOf(current), "this event");
        Versions.requireMatch(headers, current.version);
        if (current.archived()) {
            throw new ProblemException(ProblemType.CONFLICT, "This event is archived and can no longer be changed.");
        }
        EventStatus to = transition.to();
        if (!current.eventStatus.canMoveTo(to)) {
            throw invalidTransition(current.eventStatus, to);
        }
        ObjectNode patch = mapper.createObjectNode().put("status", to.wire());
        if (to == EventStatus.RESCHEDULED) {
            if (transition.startsAt() == null) {
                throw ProblemException.invalid("startsAt", "is required to reschedule");
            }
            if (transition.startsAt().toInstant().equals(current.startsAt)) {
                throw ProblemException.invalid("startsAt", "must change when the event is rescheduled");
            }
            OffsetDateTime end = transition.endsAt();
            if (end == null && current.endsAt != null) {
                end = transition.startsAt().plus(Duration.between(current.startsAt, current.endsAt));
            }
            patch.put("startsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(transition.startsAt()));
            if (end != null) {
                patch.put("endsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(end));
            }
        } else if (transition.startsAt() != null || transition.endsAt() != null) {
            throw ProblemException.invalid(transition.startsAt() != null ? "startsAt" : "endsAt",
                    "only a transition to rescheduled changes the times");
        }
        return patch(id, headers, patch);
    }

    @Override
    protected void apply(Event event, EventInput input) {
        // 1. the shape of the request (400)
        ZoneId zone = zone(input.timeZone());
        Instant start = instant("startsAt", input.startsAt());
        Instant end = input.endsAt() == null ? null : instant("endsAt", input.endsAt());
        if (end != null && !end.isAfter(start)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        boolean allDay = Boolean.TRUE.equals(input.allDay());
        if (allDay) {
            requireMidnight("startsAt", start, zone);
            if (end != null) {
                requireMidnight("endsAt", end, zone);
            }
        }
        Location location = input.location();
        if (location != null && (location.lat() == null) != (location.lon() == null)) {
            throw ProblemException.invalid(location.lat() == null ? "location.lat" : "location.lon",
                    "latitude and longitude are given together");
        }
        List<Participant> participants = input.participants() == null ? List.of() : List.copyOf(input.participants());
        Set<UUID> people = new HashSet<>();
        for (int i = 0; i < participants.size(); i++) {
            if (!people.add(participants.get(i).personId())) {
                throw ProblemException.invalid("participants[" + i + "].personId", "lists a person already listed");
            }
        }
        if (event.id == null && input.status() != null && !EventStatus.INITIAL.contains(input.status())) {
            throw ProblemException.invalid("status", "a new event is scheduled, confirmed or completed; "
                    + "other statuses are reached by transitions");
        }

        // 2. references to other services' records (422)
        references.require(KnownRecord.ORGANIZATION, "organizerId", input.organizerId());
        for (int i = 0; i < participants.size(); i++) {
            references.require(KnownRecord.PERSON, "participants[" + i + "].personId", participants.get(i).personId());
            references.require(KnownRecord.POST, "participants[" + i + "].postId", participants.get(i).postId());
        }
        references.require(KnownRecord.AGREEMENT, "agreementId", input.agreementId());

        // 3. the lifecycle (409)
        if (event.id == null) {
            event.eventStatus = input.status() == null ? EventStatus.SCHEDULED : input.status();
            event.sequence = 0;
        } else {
            lifecycle(event, input.status(), start, end, allDay, zone, location);
        }

        event.slug = input.slug();
        event.title = input.title();
        event.description = input.description();
        event.type = input.type();
        event.startsAt = start;
        event.endsAt = end;
        event.lastAt = end == null ? start : end;
        event.timeZone = zone.getId();
        event.allDay = allDay;
        event.location = location;
        event.organizerId = input.organizerId();
        event.participants = participants;
        event.agreementId = input.agreementId();
        event.identifiers = input.identifiers() == null ? List.of() : List.copyOf(input.identifiers());
        event.sources = input.sources() == null ? List.of() : List.copyOf(input.sources());
    }

    /** The status an update leads to, the reschedule it may be, and whether calendars must notice it. */
    private void lifecycle(Event event, EventStatus requested, Instant start, Instant end, boolean allDay, ZoneId zone,
            Location location) {
        EventStatus current = event.eventStatus;
        EventStatus target = requested == null ? current : requested;
        boolean moved = !start.equals(event.startsAt);
        boolean timesChanged = moved || !Objects.equals(end, event.endsAt) || allDay != event.allDay;
        if (current.isFinal() && timesChanged) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "A " + current.wire() + " event keeps its times.",
                    List.of(new Violation(moved ? "startsAt" : "endsAt", "cannot change once the event is " + current.wire())),
                    List.of());
        }
        if (target != current) {
            if (!current.canMoveTo(target)) {
                throw invalidTransition(current, target);
            }
            if (target == EventStatus.RESCHEDULED && !moved) {
                throw ProblemException.invalid("startsAt", "must change when the event is rescheduled");
            }
            if (moved && target != EventStatus.RESCHEDULED) {
                throw new ProblemException(ProblemType.INVALID_TRANSITION, "A new startsAt reschedules the event, so it cannot "
                        + "also become " + target.wire() + ": send status rescheduled, or leave status out.",
                        List.of(new Violation("status", "must be rescheduled (or left out) when startsAt changes")),
                        List.of(EventStatus.RESCHEDULED.wire()));
            }
        } else if (moved) {
            target = EventStatus.RESCHEDULED;
        }
        if (moved) {
            List<String> previous = new ArrayList<>(event.previousStartTimes);
            previous.add(event.startsAt.toString());
            event.previousStartTimes = previous;
        }
        if (timesChanged || target != current || !zone.getId().equals(event.timeZone) || !Objects.equals(location, event.location)) {
            event.sequence++;
        }
        event.eventStatus = target;
    }

    private static ProblemException invalidTransition(EventStatus from, EventStatus to) {
        String detail = from.isFinal()
                ? "The event is " + from.wire() + "; a " + from.wire() + " event does not change status any more."
                : "An event that is " + from.wire() + " cannot become " + to.wire() + "; it may become " + from.allowed() + ".";
        return new ProblemException(ProblemType.INVALID_TRANSITION, detail,
                List.of(new Violation("status", "cannot move from " + from.wire() + " to " + to.wire())), from.allowed());
    }

    /** The event's zone: IANA region ids only (not offsets), known to the JDK and to the calendar feeds. */
    private ZoneId zone(String name) {
        String id = name == null || name.isBlank() ? config.defaultTimeZone() : name.strip();
        if (!ZoneId.getAvailableZoneIds().contains(id) || !zones.supports(id)) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Asia/Seoul or Europe/Berlin");
        }
        return ZoneId.of(id);
    }

    private static Instant instant(String field, OffsetDateTime time) {
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw ProblemException.invalid(field, "must be between the years 0001 and 9999");
        }
        if (time.getNano() != 0) {
            throw ProblemException.invalid(field, "must be whole seconds, as calendars keep them");
        }
        return time.toInstant();
    }

    private static void requireMidnight(String field, Instant time, ZoneId zone) {
        if (!time.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw ProblemException.invalid(field, "an all-day event starts and ends at 00:00 in its timeZone (" + zone.getId() + ")");
        }
    }

    @Override
    protected EventInput inputOf(Event e) {
        ZoneId zone = ZoneId.of(e.timeZone);
        return new EventInput(e.slug, e.title, e.description, e.type, e.eventStatus, at(e.startsAt, zone), at(e.endsAt, zone),
                e.timeZone, e.allDay, e.location, e.organizerId, e.participants, e.agreementId, e.identifiers, e.sources);
    }

    @Override
    public EventView view(Event e) {
        ZoneId zone = ZoneId.of(e.timeZone);
        return new EventView(e.id, e.slug, e.title, e.description, e.type, e.eventStatus, at(e.startsAt, zone),
                at(e.endsAt, zone), e.timeZone, e.allDay, e.location, e.organizerId, List.copyOf(e.participants),
                e.agreementId, e.previousStartTimes.stream().map(t -> at(Instant.parse(t), zone)).toList(), icalUid(e.id),
                e.sequence, e.identifiers, e.sources, e.status, e.createdAt, e.updatedAt, e.version);
    }

    public static String icalUid(UUID id) {
        return id + "@" + UID_DOMAIN;
    }

    private static OffsetDateTime at(Instant time, ZoneId zone) {
        return time == null ? null : time.atZone(zone).toOffsetDateTime();
    }

    @Override
    protected Set<String> jurisdictionsOf(Event event) {
        return references.jurisdictionsOf(event.organizerId);
    }

    /** Status changes are named after the new status; a new start alone is a reschedule. */
    @Override
    protected String updateAction(EventInput before, Event after) {
        if (before.status() != after.eventStatus) {
            return after.eventStatus.wire();
        }
        if (!before.startsAt().toInstant().equals(after.startsAt)) {
            return EventStatus.RESCHEDULED.wire();
        }
        return "updated";
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Parses the shared filters. A feed is always bounded: without from/to it starts
     * {@code civic.events.feed.past} ago; with one bound, the other is max-window away.
     */
    public EventFilter filter(EventQuery query, boolean feed) {
        Instant now = Instant.now();
        Instant from = bound("from", query.from, false);
        Instant to = bound("to", query.to, true);
        if (Boolean.TRUE.equals(Params.bool("upcoming", query.upcoming))) {
            if (from != null) {
                throw ProblemException.badParameter("upcoming", "cannot be combined with from (upcoming means from=now)");
            }
            from = now;
        }
        Duration window = config.maxWindow();
        if (feed) {
            if (from == null && to == null) {
                from = now.minus(config.feed().past());
            }
            if (to == null) {
                to = from.plus(window);
            } else if (from == null) {
                from = to.minus(window);
            }
        }
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                throw ProblemException.badParameter("to", "must be after from");
            }
            if (Duration.between(from, to).compareTo(window) > 0) {
                throw ProblemException.badParameter("to", "the window from–to may span at most " + window.toDays()
                        + " days; ask for longer periods one window at a time");
            }
        }
        List<EventStatus> statuses = new ArrayList<>();
        if (query.status != null && !query.status.isBlank()) {
            for (String status : query.status.split(",", -1)) {
                EventStatus parsed = Params.enumValue("status", status, EventStatus.class);
                if (parsed == null) {
                    throw ProblemException.badParameter("status", "must be one or more of "
                            + org.civicregistry.commons.http.Enums.wires(EventStatus.class) + ", separated by commas");
                }
                statuses.add(parsed);
            }
        }
        return new EventFilter(from, to,
                references.resolve(KnownRecord.ORGANIZATION, "organization", query.organization),
                references.resolve(KnownRecord.PERSON, "participant", query.participant),
                Params.enumValue("type", query.type, EventType.class),
                List.copyOf(statuses),
                references.resolve(KnownRecord.AGREEMENT, "agreement", query.agreement),
                Params.dateTime("updatedSince", query.updatedSince),
                Params.text("q", query.q),
                Params.enumValue("recordStatus", query.recordStatus, RecordStatus.class),
                Params.text("slug", query.slug));
    }

    /** A date-time with offset, or a day (its start; for {@code to}, the start of the next day) in Korea. */
    private static Instant bound(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() == 10) {
            LocalDate day = Params.date(name, text);
            return (end ? day.plusDays(1) : day).atStartOfDay(REGISTER_ZONE).toInstant();
        }
        return Params.dateTime(name, text).toInstant();
    }

    /** A page of events, by start then id; the cursor is the last (startsAt, id). */
    public Page<EventView> list(EventFilter filter, PageRequest page) {
        Where where = where(filter);
        if (page.cursor() != null) {
            List<String> key = Cursor.decode(page.cursor(), 2);
            Instant afterStart;
            UUID afterId;
            try {
                afterStart = Instant.parse(key.get(0));
                afterId = UUID.fromString(key.get(1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.badParameter("cursor", "not a cursor this API issued; use nextCursor from a previous page");
            }
            where.and("(e.starts_at, e.id) > (cast(:afterStart as timestamptz), cast(:afterId as uuid))")
                    .param("afterStart", afterStart).param("afterId", afterId);
        }
        return Page.of(query(where, page.fetchSize()), page.limit(), this::view,
                e -> Cursor.encode(e.startsAt.toString(), e.id.toString()));
    }

    /** The events of a feed, by start then id: at most {@code max}. */
    public List<Event> feed(EventFilter filter, int max) {
        return query(where(filter), max);
    }

    private List<Event> query(Where where, int max) {
        @SuppressWarnings("unchecked")
        List<Event> rows = where.bind(em.createNativeQuery("select e.* from event e" + where.jpql()
                + " order by e.starts_at, e.id", Event.class)).setMaxResults(max).getResultList();
        return rows;
    }

    private static Where where(EventFilter filter) {
        Where where = new Where()
                .and("e.status = :recordStatus", "recordStatus",
                        (filter.recordStatus() == null ? RecordStatus.ACTIVE : filter.recordStatus()).name())
                .and("e.last_at >= cast(:from as timestamptz)", "from", filter.from())
                // Implied by the line above; it bounds the scan of the (starts_at, id) index, which otherwise
                // walks every event that started before the window (docs/benchmarks.md, growth).
                .and("e.starts_at >= cast(:from as timestamptz) - (select coalesce(max(d.last_at - d.starts_at), interval '0')"
                        + " from event d)", "from", filter.from())
                .and("e.starts_at < cast(:to as timestamptz)", "to", filter.to())
                .and(ORGANIZATION_TREE, "organization", filter.organizationId())
                .and("e.participants @> cast(:participant as jsonb)", "participant",
                        filter.participantId() == null ? null : "[{\"personId\": \"" + filter.participantId() + "\"}]")
                .and("e.type = :type", "type", filter.type() == null ? null : filter.type().name())
                .and("e.event_status in (:statuses)", "statuses",
                        filter.statuses().isEmpty() ? null : filter.statuses().stream().map(Enum::name).toList())
                .and("e.agreement_id = :agreement", "agreement", filter.agreementId())
                .and("e.updated_at >= cast(:since as timestamptz)", "since", filter.updatedSince())
                .contains("e.search_text", "q", filter.q())
                .and("e.slug = :slug", "slug", filter.slug());
        return where;
    }
}
