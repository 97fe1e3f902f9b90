package org.civicregistry.agreements.programme;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.agreements.programme.initiative.InitiativeReferences;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.openapi.RecordDocs;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes")
public class ProgrammeResource extends RecordResource<Programme, ProgrammeInput, ProgrammeView> {

    static final String REFERENCES = "The owner, the announcer, his post and lead organizations are officials-service ids this "
            + "service has learned from civic.officials.v1; an unknown one is a 422 unknown-reference naming the field, and the "
            + "announcer must have held the post on announcedOn. Agreement items must exist in this service; event ids are not "
            + "checked. The ids in the example are placeholders.";
    static final String OWNER_RULE = "Editors of the owner's jurisdiction (the owner or an organization above it) may write "
            + "the programme; a lead organization gives no authority.";

    /** What the inherited record routes say of programmes. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/programmes", OWNER_RULE + " Initiatives keep their version "
            + "unless they change, and always their reports; one with reports cannot be left out (422). A change of status "
            + "must be an allowed transition (409 invalid-transition otherwise). " + REFERENCES)
            .describing(RecordDocs.Route.GET, "With its initiatives, their reports, and statusCounts. With at=, the programme as "
                    + "it stood on that day (Korean time), from its history: the newest version recorded by the end of the day, "
                    + "with that version's ETag; 404 if it was not registered yet.")
            .describing(RecordDocs.Route.HISTORY, "Every version, oldest first, with the event type of each change "
                    + "(civic.programme.created, .announced, .in_progress, .concluded, .initiative.status_changed, "
                    + ".initiative.reported, .updated, .archived, .restored).")
            .describing(RecordDocs.Route.PATCH, "A JSON merge patch (RFC 7396); needs If-Match. " + OWNER_RULE + " Arrays "
                    + "(initiatives) are replaced whole. {\"status\": \"in_progress\"} is a transition, like POST /transitions.")
            .patchExample("set the announcement event", "{\"announcementEventId\": \"0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b\"}")
            .describing(RecordDocs.Route.ARCHIVE, "Public records are never deleted: the programme is archived (recordStatus "
                    + "archived, event civic.programme.archived; its lifecycle status stays) and stays readable, frozen; only an "
                    + "admin can restore it. Editors of the owner's jurisdiction only. Needs If-Match.")
            .withConflict("Archived, a duplicate slug, or an invalid transition.", "invalid transition",
                    ProgrammeExamples.INVALID_TRANSITION);

    /** The query parameter of GET /{id} that the inherited route cannot declare ({@code OpenApiConventions} documents it). */
    public static final String AT = "at";

    private final ProgrammeService programmes;
    private final ProgrammeAsOf asOf;
    private final InitiativeReferences references;

    public ProgrammeResource(ProgrammeService programmes, ProgrammeAsOf asOf, InitiativeReferences references, History history,
            Snapshots snapshots) {
        super(programmes, history, snapshots);
        this.programmes = programmes;
        this.asOf = asOf;
        this.references = references;
    }

    @GET
    @Operation(summary = "List programmes", description = "Cursor-paged, in the order they were registered. owner=gwangju&kind=pledges "
            + "lists Gwangju's pledge programmes; periodFrom/periodTo list those whose period overlaps the range (a partial "
            + "or open end matches when it may).")
    @APIResponse(responseCode = "200", description = "A page of programmes.",
            content = @Content(schema = @Schema(implementation = ProgrammeExamples.ProgrammePage.class)))
    public Response list(
            @Parameter(description = "Programmes of this organization, by id or slug.", example = "gwangju") @QueryParam("owner") String owner,
            @Parameter(description = "Kind of programme.", schema = @Schema(implementation = ProgrammeKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = "Lifecycle state.", schema = @Schema(implementation = ProgrammeStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "active (default) or archived.", schema = @Schema(implementation = RecordStatus.class))
            @QueryParam("recordStatus") String recordStatus,
            @Parameter(description = "Covering some day on or after this one (YYYY-MM-DD).", example = "2020-01-01") @QueryParam("periodFrom") String periodFrom,
            @Parameter(description = "Covering some day on or before this one (YYYY-MM-DD).", example = "2020-12-31") @QueryParam("periodTo") String periodTo,
            @Parameter(description = "Search titles, summaries, initiatives and sub-items (titles, descriptions, sectors) in every "
                    + "language; partial matches, Korean syllables included.", example = "인공지능") @QueryParam("q") String q,
            @Parameter(description = "Exact slug.", example = "gwangju-twenty-initiatives-2020") @QueryParam("slug") String slug,
            @Parameter(description = "Only programmes changed at or after this instant (ISO 8601 with offset).",
                    example = "2020-01-01T00:00:00+09:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE) @QueryParam("identifier") String identifier,
            @Parameter(description = Params.IDS) @QueryParam("id") List<String> id,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        ProgrammeFilter filter = new ProgrammeFilter(
                references.resolveOrganization("owner", owner),
                Params.enumValue("kind", kind, ProgrammeKind.class),
                Params.enumValue("status", status, ProgrammeStatus.class),
                Params.enumValue("recordStatus", recordStatus, RecordStatus.class),
                Params.date("periodFrom", periodFrom),
                Params.date("periodTo", periodTo),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.text("slug", slug),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<ProgrammeView> page = programmes.list(filter, PageRequest.of(limit, cursor, count)).map(p -> p.in(language));
        return PagedResponse.of(page, uri);
    }

    /**
     * The inherited read, and with {@code at=} the programme as it stood on that day. Overridden
     * without annotations, so it keeps the inherited route; {@code at} is read from the query, as
     * the inherited signature has no place for it.
     */
    @Override
    public Response get(String id, String lang, HttpHeaders headers, Request request, UriInfo uri) {
        LocalDate day = Params.date(AT, uri.getQueryParameters().getFirst(AT));
        if (day == null) {
            return super.get(id, lang, headers, request, uri);
        }
        String language = Languages.requested(lang, headers);
        ProgrammeView then = asOf.at(programmes.find(Params.id(id)), day);
        return endpoints().represent(request, then.version(), language, then.in(language), uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a programme", description = "Editors may register programmes whose owner is in their "
            + "jurisdictions. " + REFERENCES)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProgrammeInput.class),
            examples = @ExampleObject(name = "annual plan", value = ProgrammeExamples.PROGRAMME,
                    description = "Gwangju's 20 key initiatives for 2020 (two of them). " + REFERENCES)))
    @APIResponse(responseCode = "201", description = "Registered.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") ProgrammeInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a programme along its lifecycle", description = "draft → announced → in_progress → concluded. "
            + "Needs If-Match. The event is named after the new state: civic.programme.announced, .in_progress, .concluded. "
            + "Any other step is a 409 invalid-transition whose `allowed` lists the states the programme may move to. "
            + "Announcing needs announcedOn, given here or already set.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProgrammeTransition.class),
            examples = @ExampleObject(name = "announce", value = ProgrammeExamples.TRANSITION)))
    @APIResponse(responseCode = "200", description = "Moved.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Not an allowed transition, or the programme is archived.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid transition", value = ProgrammeExamples.INVALID_TRANSITION)))
    public Response transition(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ProgrammeTransition input, @Context HttpHeaders headers) {
        Programme programme = programmes.transition(Params.id(id), headers, input);
        return Responses.updated(programme.version, programmes.view(programme));
    }
}
