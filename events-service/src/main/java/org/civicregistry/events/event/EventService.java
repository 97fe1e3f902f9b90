package org.civicregistry.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;
import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.commons.readmodel.ReadModelLookup;
import org.civicregistry.commons.write.Lifecycle;
import org.civicregistry.commons.write.RecordService;
import org.civicregistry.events.calendar.CalendarZones;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.readmodel.KnownRecord;

/**
 * The rules of events: times with their IANA zone, references checked against the read models,
 * the lifecycle (valid transitions only; a new start is a reschedule that keeps the old one;
 * cancelled and completed events keep their times) and the iCalendar SEQUENCE. Reading is
 * {@link EventQueries}.
 */
@ApplicationScoped
public class EventService extends RecordService<Event, EventInput, EventView> {

    /** The domain of every event's iCalendar UID: {@code <id>@civic-registry}. */
    public static final String UID_DOMAIN = "civic-registry";

    private final ReadModelLookup known;
    private final KnownOfficials officials;
    private final CalendarZones zones;
    private final EventsConfig config;

    public EventService(ReadModelLookup known, KnownOfficials officials, CalendarZones zones, EventsConfig config) {
        this.known = known;
        this.officials = officials;
        this.zones = zones;
        this.config = config;
    }

    @Override
    public String entityType() {
        return "event";
    }

    @Override
    public String collection() {
        return "events";
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

    /** A new event is {@code civic.event.scheduled}: what happened to a public schedule, as subscribers call it. */
    @Override
    protected String createAction() {
        return "scheduled";
    }

    /**
     * Moves an event to another status: {@code cancelled}, {@code completed}, ... or
     * {@code rescheduled} with a new start (the duration is kept when no end is given). Runs as a
     * merge patch of the status (and times), so it shares the lock, If-Match, rules and event of PATCH.
     */
    @Transactional
    public Event transition(UUID id, HttpHeaders headers, Transition transition) {
        return transition(id, headers, current -> patchOf(current, transition));
    }

    /** The transition as a merge patch, judged on the locked event. */
    private ObjectNode patchOf(Event current, Transition transition) {
        EventStatus to = transition.to();
        Lifecycle.requireMove(entityType(), current.eventStatus, to);
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
        return patch;
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
        known.require(KnownRecord.ORGANIZATION, "organizerId", input.organizerId());
        for (int i = 0; i < participants.size(); i++) {
            known.require(KnownRecord.PERSON, "participants[" + i + "].personId", participants.get(i).personId());
            known.require(KnownRecord.POST, "participants[" + i + "].postId", participants.get(i).postId());
        }
        known.require(KnownRecord.AGREEMENT, "agreementId", input.agreementId());

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
            Lifecycle.requireMove(entityType(), current, target);
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
        return officials.jurisdictionsOf(event.organizerId);
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
}
