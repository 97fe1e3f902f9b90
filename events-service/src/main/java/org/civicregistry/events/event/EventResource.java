package org.civicregistry.events.event;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.openapi.RecordDocs;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.readmodel.Included;
import org.civicregistry.commons.readmodel.Inclusions;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordResource;
import org.civicregistry.events.common.Examples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource extends RecordResource<Event, EventInput, EventView> {

    /** What the inherited record routes say of events. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/events", "Editors of the organizer's jurisdiction only; "
            + "a new organizerId needs authority over the old and the new organizer. A new startsAt reschedules the event (the "
            + "old start is kept in previousStartTimes); a new status must be an allowed transition (else 409 "
            + "invalid-transition with the allowed ones). " + Examples.REFERENCES_NOTE)
            .describing(RecordDocs.Route.HISTORY, "Every version, oldest first, with the event type of each change "
                    + "(civic.event.scheduled, .rescheduled, .cancelled, ...).")
            .describing(RecordDocs.Route.PATCH, "A JSON merge patch (RFC 7396); needs If-Match. Who may: as for PUT. "
                    + "Patching startsAt reschedules the event; patching status follows the allowed transitions.")
            .patchExample("move to the next morning", "{\"startsAt\": \"2023-05-13T10:00:00+09:00\", "
                    + "\"endsAt\": \"2023-05-13T11:30:00+09:00\"}")
            .patchExample("add an English description", "{\"description\": {\"en\": \"Meeting with the May Mothers' "
                    + "Association\"}}")
            .describing(RecordDocs.Route.ARCHIVE, "Public records are never deleted: the event is archived, leaves lists "
                    + "and feeds, and stays readable here. Not a cancellation: cancel with a transition. Needs If-Match.")
            .withConflict("Invalid transition (with the allowed ones), or a record with the same slug.",
                    "invalid transition", Examples.INVALID_TRANSITION);

    private static final List<String> INCLUDES = List.of("organizer", "participants");

    private final EventService events;
    private final EventQueries queries;
    private final Inclusions inclusions;

    public EventResource(EventService events, EventQueries queries, Inclusions inclusions, History history, Snapshots snapshots) {
        super(events, history, snapshots);
        this.events = events;
        this.queries = queries;
        this.inclusions = inclusions;
    }

    @GET
    @Operation(summary = "List events", description = "Cursor-paged, by start time then id (sort=-startsAt: latest "
            + "first). Filter by time window, organization, participant, type, status, agreement, update time, text. "
            + "organization=...&upcoming=true is an organization's upcoming schedule; participant=...&upcoming=true a "
            + "person's; organization=...&to=<now>&sort=-startsAt its latest events.")
    @APIResponse(responseCode = "200", description = "A page of events.",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    public Response list(@BeanParam EventQuery query,
            @Parameter(description = "startsAt (the default: soonest first) or -startsAt (latest first). A cursor "
                    + "continues the order it was issued in: send the same sort with it.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "startsAt", "-startsAt" }, defaultValue = "startsAt"))
            @QueryParam("sort") String sort,
            @Parameter(description = Inclusions.DESCRIPTION + " organizer: the organizing organizations; participants: the "
                    + "people taking part and the posts they take part as.", example = "organizer,participants")
            @QueryParam("include") String include,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(query.lang, headers);
        Set<String> included = Inclusions.parse(include, INCLUDES);
        PageRequest pageRequest = PageRequest.of(limit, cursor, count);
        Page<EventView> page = queries.list(queries.filter(query, false), EventOrder.of(sort), pageRequest).map(e -> e.in(language));
        if (!included.isEmpty()) {
            List<Participant> participants = page.items().stream()
                    .flatMap(e -> e.participants() == null ? Stream.empty() : e.participants().stream()).toList();
            boolean taking = included.contains("participants");
            page = page.with(inclusions.of(included.contains("organizer") ? page.items().stream().map(EventView::organizerId).toList() : null,
                    taking ? participants.stream().map(Participant::personId).toList() : null,
                    taking ? participants.stream().map(Participant::postId).toList() : null).in(language));
        }
        return PagedResponse.of(page, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule an event", description = "Editors may schedule events organized in their jurisdictions: "
            + "an event is its organizer's; participants and the agreement are links, and give no right to it. "
            + "Published as civic.event.scheduled. " + Examples.REFERENCES_NOTE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EventInput.class),
            examples = { @ExampleObject(name = "special lecture", description = Examples.REFERENCES_NOTE, value = Examples.EVENT),
                    @ExampleObject(name = "all-day, already held", description = Examples.REFERENCES_NOTE, value = Examples.ALL_DAY_EVENT) }))
    @APIResponse(responseCode = "201", description = "Scheduled.",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") EventInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the status of an event", description = """
            Needs If-Match. Allowed: scheduled → confirmed, postponed, rescheduled, cancelled, completed; \
            confirmed → postponed, rescheduled, cancelled, completed; postponed → rescheduled, cancelled; \
            rescheduled → confirmed, postponed, rescheduled, cancelled, completed. Cancelled and completed are final, \
            and such events keep their times. Anything else is a 409 invalid-transition whose `allowed` lists the \
            possible statuses. Rescheduling needs startsAt (endsAt left out keeps the duration). Published as \
            civic.event.<status>.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Transition.class),
            examples = { @ExampleObject(name = "cancel", value = Examples.CANCEL),
                    @ExampleObject(name = "reschedule", value = Examples.RESCHEDULE) }))
    @APIResponse(responseCode = "200", description = "The event in its new status.",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "409", description = "Invalid transition; `allowed` lists the statuses the event may move to.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid transition", value = Examples.INVALID_TRANSITION)))
    @APIResponse(responseCode = "412", description = "Precondition failed: the event changed since you read it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale ETag", value = Examples.PRECONDITION_FAILED)))
    @APIResponse(responseCode = "428", description = "Precondition required: send If-Match.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no If-Match", value = Examples.PRECONDITION_REQUIRED)))
    public Response transition(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") Transition transition, @Context HttpHeaders headers) {
        Event event = events.transition(Params.id(id), headers, transition);
        return Responses.updated(event.version, events.view(event));
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "EventPage")
    public record EventPage(java.util.List<EventView> items, String nextCursor, Total total, Included included) {
    }
}
