package org.civicregistry.events.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.query.Where;
import org.civicregistry.commons.readmodel.ReadModelLookup;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.security.JurisdictionChain;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.readmodel.KnownRecord;

/**
 * The list's and the feeds' queries: their filters parsed from the request, and the events they
 * select, ordered by start then id.
 */
@ApplicationScoped
public class EventQueries {

    /** Dates in filters (from=2023-05-12) are days in Korea, where the register's offices are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    /** Events organized by an organization or any of its parts, from the organization read model. */
    private static final String ORGANIZATION_TREE = """
            e.organizer_id in (
                with recursive tree (id, depth) as (
                    select cast(:organization as uuid), 0
                    union all
                    select o.id, t.depth + 1 from known_organization o join tree t on o.parent_id = t.id
                    where t.depth < %d)
                select id from tree)""".formatted(JurisdictionChain.MAX_DEPTH);

    private final EntityManager em;
    private final ReadModelLookup known;
    private final EventsConfig config;
    private final EventService events;

    public EventQueries(EntityManager em, ReadModelLookup known, EventsConfig config, EventService events) {
        this.em = em;
        this.known = known;
        this.config = config;
        this.events = events;
    }

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
                            + Enums.wires(EventStatus.class) + ", separated by commas");
                }
                statuses.add(parsed);
            }
        }
        return new EventFilter(from, to,
                known.resolve(KnownRecord.ORGANIZATION, "organization", query.organization),
                known.resolve(KnownRecord.PERSON, "participant", query.participant),
                Params.enumValue("type", query.type, EventType.class),
                List.copyOf(statuses),
                known.resolve(KnownRecord.AGREEMENT, "agreement", query.agreement),
                Params.dateTime("updatedSince", query.updatedSince),
                Params.text("q", query.q),
                Params.enumValue("recordStatus", query.recordStatus, RecordStatus.class),
                Params.text("slug", query.slug),
                Identifier.parse("identifier", query.identifier),
                Params.ids("id", query.id));
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

    /** A page of events, by start then id in {@code order}; the cursor is the last (startsAt, id). */
    public Page<EventView> list(EventFilter filter, EventOrder order, PageRequest page) {
        Where where = where(filter);
        Total total = page.count().sql(em, "event e", where);
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
            where.and(order.afterCursor()).param("afterStart", afterStart).param("afterId", afterId);
        }
        return Page.of(query(where, order, page.fetchSize()), page.limit(), events::view,
                e -> Cursor.encode(e.startsAt.toString(), e.id.toString())).with(total);
    }

    /** The events of a feed, by start then id: at most {@code max}. */
    public List<Event> feed(EventFilter filter, int max) {
        return query(where(filter), EventOrder.SOONEST_FIRST, max);
    }

    private List<Event> query(Where where, EventOrder order, int max) {
        @SuppressWarnings("unchecked")
        List<Event> rows = where.bind(em.createNativeQuery("select e.* from event e" + where.jpql() + order.orderBy(), Event.class))
                .setMaxResults(max).getResultList();
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
                .and("e.slug = :slug", "slug", filter.slug())
                .and("e.identifiers @> cast(:identifier as jsonb)", "identifier",
                        filter.identifier() == null ? null : filter.identifier().containment())
                .and("e.id in (:ids)", "ids", filter.ids());
        return where;
    }
}
