package org.civicregistry.events.calendar;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.common.Examples;
import org.civicregistry.events.event.Event;
import org.civicregistry.events.event.EventFilter;
import org.civicregistry.events.event.EventQueries;
import org.civicregistry.events.event.EventQuery;
import org.civicregistry.events.event.EventService;
import org.civicregistry.events.readmodel.KnownRecord;
import org.civicregistry.events.readmodel.References;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The events as iCalendar feeds, for subscriptions: with the list's filters, in one language, with
 * an ETag over the exact bytes, so a calendar that polls gets 304 until something in its feed changes.
 */
@Path("/api/v1/events")
@Tag(name = "Calendar feeds")
public class CalendarResource {

    private static final String FEED_DESCRIPTION = """
            The events the same filters select in the list, as an iCalendar (RFC 5545) object to subscribe to, e.g. \
            one organization's (organization=gyeonggi) or one official's (participant=kim-dong-yeon) schedule. Each \
            event has a stable UID (<event id>@civic-registry), a SEQUENCE that grows with every change of its time, \
            place or status, DTSTAMP and LAST-MODIFIED (its last change), DTSTART/DTEND with the TZID of its time \
            zone and a VTIMEZONE for each zone used, STATUS (TENTATIVE, CONFIRMED, or CANCELLED: cancelled events \
            stay in the feed with their times), LOCATION, GEO, DESCRIPTION (with organizer and participants), URL. \
            The summary is in the language of lang= (or Accept-Language; default ko). Without from/to the feed \
            covers 30 days back and 366 days from then; at most 366 days and 2000 events. The ETag is strong, over \
            the bytes: send it back in If-None-Match and an unchanged feed is a 304.""";

    private final EventService events;
    private final EventQueries queries;
    private final CalendarFeed feed;
    private final References references;
    private final EventsConfig config;

    public CalendarResource(EventService events, EventQueries queries, CalendarFeed feed, References references, EventsConfig config) {
        this.events = events;
        this.queries = queries;
        this.feed = feed;
        this.references = references;
        this.config = config;
    }

    @GET
    @Path("calendar.ics")
    @Produces(CalendarFeed.MEDIA_TYPE)
    @Operation(summary = "Subscribe to events as an iCalendar feed", description = FEED_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The feed.",
            headers = { @Header(name = "ETag", description = "Strong entity tag of the feed's bytes, for If-None-Match.",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "How long the feed may be reused before revalidating.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "inline, with a file name for calendars that save it.",
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = CalendarFeed.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "one event", value = Examples.CALENDAR)))
    @APIResponse(responseCode = "304", description = "Not modified: the feed is byte for byte the one of the ETag in If-None-Match.")
    public Response feed(@BeanParam EventQuery query, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context Request request) {
        String language = language(query.lang, headers);
        EventFilter filter = queries.filter(query, true);
        int max = config.feed().maxEvents();
        List<Event> rows = queries.feed(filter, max + 1);
        if (rows.size() > max) {
            throw ProblemException.badParameter("to", "the feed would hold more than " + max
                    + " events; narrow it with a shorter from–to window or other filters");
        }
        CalendarFeed.Rendered rendered = feed.render(rows, language, uri.getBaseUri(), calendarName(filter, language));
        return respond(rendered, language, request, "civic-registry-events.ics");
    }

    @GET
    @Path("{id}/calendar.ics")
    @Produces(CalendarFeed.MEDIA_TYPE)
    @Operation(summary = "Get one event as iCalendar", description = "The event as a one-event iCalendar object, e.g. for "
            + "an \"add to my calendar\" link; the same UID and SEQUENCE as in the feeds, so calendars treat both as one event.")
    @APIResponse(responseCode = "200", description = "The event as iCalendar.",
            headers = { @Header(name = "ETag", description = "Strong entity tag of the bytes, for If-None-Match.",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "How long it may be reused before revalidating.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "inline, with the file name <id>.ics.",
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = CalendarFeed.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "one event", value = Examples.CALENDAR)))
    public Response one(@PathParam("id") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context UriInfo uri, @Context Request request) {
        String language = language(lang, headers);
        Event event = events.find(Params.id(id));
        String name = event.title.in(language).values().values().iterator().next();
        CalendarFeed.Rendered rendered = feed.render(List.of(event), language, uri.getBaseUri(), name);
        return respond(rendered, language, request, event.id + ".ics");
    }

    private Response respond(CalendarFeed.Rendered rendered, String language, Request request, String filename) {
        EntityTag tag = new EntityTag(rendered.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null && notModified.build().getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            // If-Match that does not name this feed: a 412 problem like every other error, not an empty body
            throw new org.civicregistry.commons.problem.ProblemException(org.civicregistry.commons.problem.ProblemType.PRECONDITION_FAILED,
                    "If-Match does not name the current version " + tag + " of this feed.");
        }
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(rendered.body(), CalendarFeed.MEDIA_TYPE + ";charset=utf-8")
                        .header("Content-Disposition", "inline; filename=\"" + filename + "\"");
        return response.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + config.feed().maxAge().toSeconds())
                .header(HttpHeaders.VARY, "Accept-Language")
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .build();
    }

    /** A calendar is in one language: lang=, else Accept-Language, else Korean. */
    private static String language(String lang, HttpHeaders headers) {
        String language = Languages.requested(lang, headers);
        return language == null ? "ko" : language;
    }

    /** "경기도 — 공개 일정": the organization or person the feed follows, if any. */
    private String calendarName(EventFilter filter, String language) {
        LocalizedText subject = null;
        if (filter.organizationId() != null) {
            subject = references.names(KnownRecord.ORGANIZATION, Set.of(filter.organizationId())).get(filter.organizationId());
        } else if (filter.participantId() != null) {
            subject = references.names(KnownRecord.PERSON, Set.of(filter.participantId())).get(filter.participantId());
        }
        String who = subject == null ? "Civic Registry" : subject.in(language).values().values().iterator().next();
        return who + ("ko".equals(language) ? " — 공개 일정" : " — public events");
    }
}
