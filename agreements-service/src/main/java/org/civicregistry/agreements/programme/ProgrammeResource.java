package org.civicregistry.agreements.programme;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.civicregistry.agreements.programme.initiative.InitiativeReferences;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordEndpoints;
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
public class ProgrammeResource {

    static final String REFERENCES = "The owner, the announcer, his post and lead organizations are officials-service ids this "
            + "service has learned from civic.officials.v1; an unknown one is a 422 unknown-reference naming the field, and the "
            + "announcer must have held the post on announcedOn. Agreement items must exist in this service; event ids are not "
            + "checked. The ids in the example are placeholders.";
    static final String OWNER_RULE = "Editors of the owner's jurisdiction (the owner or an organization above it) may write "
            + "the programme; a lead organization gives no authority.";

    private final ProgrammeService programmes;
    private final ProgrammeAsOf asOf;
    private final InitiativeReferences references;
    private final RecordEndpoints<Programme, ProgrammeInput, ProgrammeView> endpoints;

    public ProgrammeResource(ProgrammeService programmes, ProgrammeAsOf asOf, InitiativeReferences references, History history) {
        this.programmes = programmes;
        this.asOf = asOf;
        this.references = references;
        this.endpoints = new RecordEndpoints<>(programmes, history);
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
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
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
                Params.text("slug", slug));
        Page<ProgrammeView> page = programmes.list(filter, PageRequest.of(limit, cursor)).map(p -> p.in(language));
        return PagedResponse.of(page, uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a programme", description = "With its initiatives, their reports, and statusCounts. With at=, the "
            + "programme as it stood on that day (Korean time), from its history: the newest version recorded by the end of "
            + "the day, with that version's ETag; 404 if it was not registered yet.")
    @APIResponse(responseCode = "200", description = "The programme.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response get(@PathParam("id") String id,
            @Parameter(description = "A day (YYYY-MM-DD): the programme as it stood then.", example = "2020-06-30") @QueryParam("at") String at,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        LocalDate day = Params.date("at", at);
        if (day == null) {
            return endpoints.read(id, lang, headers, request);
        }
        String language = Languages.requested(lang, headers);
        ProgrammeView then = asOf.at(programmes.find(Params.id(id)), day);
        return Responses.read(request, then.version(), language, then.in(language));
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "History of a programme", description = "Every version, oldest first, with the event type of each change "
            + "(civic.programme.created, .announced, .in_progress, .concluded, .initiative.status_changed, .initiative.reported, "
            + ".updated, .archived, .restored).")
    public Response history(@PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return endpoints.history(id, limit, cursor, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a programme", description = "Editors may register programmes whose owner is in their "
            + "jurisdictions. " + REFERENCES)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProgrammeInput.class),
            examples = @ExampleObject(name = "annual plan", value = ProgrammeExamples.PROGRAMME,
                    description = "Gwangju's twenty initiatives for 2020 (two of them). " + REFERENCES)))
    @APIResponse(responseCode = "201", description = "Registered.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") ProgrammeInput input, @Context UriInfo uri) {
        return endpoints.create(input, uri);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a programme", description = "Needs If-Match with the current ETag. " + OWNER_RULE
            + " Initiatives keep their version unless they change, and always their reports; one with reports cannot be left "
            + "out (422). A change of status must be an allowed transition (409 invalid-transition otherwise). " + REFERENCES)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProgrammeInput.class),
            examples = @ExampleObject(name = "annual plan", value = ProgrammeExamples.PROGRAMME, description = REFERENCES)))
    @APIResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Archived, a duplicate slug, or an invalid transition.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid transition", value = ProgrammeExamples.INVALID_TRANSITION)))
    public Response replace(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ProgrammeInput input, @Context HttpHeaders headers) {
        return endpoints.replace(id, input, headers);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of a programme", description = "A JSON merge patch (RFC 7396); needs If-Match. "
            + OWNER_RULE + " Arrays (initiatives) are replaced whole. {\"status\": \"in_progress\"} is a transition, like POST /transitions.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE,
            schema = @Schema(implementation = ProgrammeInput.class),
            examples = @ExampleObject(name = "set the announcement event",
                    value = "{\"announcementEventId\": \"0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b\"}")))
    @APIResponse(responseCode = "200", description = "Changed.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    @APIResponse(responseCode = "409", description = "Archived, a duplicate slug, or an invalid transition.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid transition", value = ProgrammeExamples.INVALID_TRANSITION)))
    public Response patch(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        return endpoints.patch(id, patch, headers);
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

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Archive a programme", description = "Public records are never deleted: the programme is archived "
            + "(recordStatus archived, event civic.programme.archived; its lifecycle status stays) and stays readable, frozen; "
            + "only an admin can restore it. Editors of the owner's jurisdiction only. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Archived.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response archive(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.archive(id, headers);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Restore an archived programme", description = "Admins only: brings the archived programme back to "
            + "recordStatus active (event civic.programme.restored, in its history). Restoring an active one changes nothing. "
            + "Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Restored.",
            content = @Content(schema = @Schema(implementation = ProgrammeView.class)))
    public Response restore(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.restore(id, headers);
    }
}
