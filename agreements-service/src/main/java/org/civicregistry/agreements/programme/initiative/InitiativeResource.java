package org.civicregistry.agreements.programme.initiative;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import org.civicregistry.agreements.programme.Programme;
import org.civicregistry.agreements.programme.ProgrammeExamples;
import org.civicregistry.agreements.programme.ProgrammeService;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.http.Versions;
import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The initiatives of a programme as their own resources, each with its own ETag (its version), and
 * their append-only reports. A write of an initiative is a new version of the programme too, and one
 * event on the programme's key.
 */
@Path("/api/v1/programmes/{id}/initiatives")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Initiatives")
public class InitiativeResource {

    static final String ETAG = "The initiative's own version, for If-Match and If-None-Match on the initiative.";
    static final String IF_MATCH = "The ETag of the initiative you read (its own version), e.g. \"2\". Missing: 428; stale: 412.";

    private final ProgrammeService programmes;
    private final InitiativeService initiatives;
    private final InitiativeReferences references;

    public InitiativeResource(ProgrammeService programmes, InitiativeService initiatives, InitiativeReferences references) {
        this.programmes = programmes;
        this.initiatives = initiatives;
        this.references = references;
    }

    @GET
    @Operation(summary = "List the initiatives of a programme", description = "In number order, all on one page (a programme has "
            + "at most 100 initiatives).")
    @APIResponse(responseCode = "200", description = "The initiatives.",
            content = @Content(schema = @Schema(implementation = ProgrammeExamples.InitiativePage.class)))
    public Response list(@PathParam("id") String id,
            @Parameter(description = "Only initiatives with this status.", schema = @Schema(implementation = InitiativeStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "Only initiatives of this sector.", example = "industry") @QueryParam("sector") String sector,
            @Parameter(description = "Only initiatives this organization leads, by id or slug.", example = "gwangju")
            @QueryParam("leadOrganization") String leadOrganization,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        String language = Languages.requested(lang, headers);
        InitiativeStatus wanted = Params.enumValue("status", status, InitiativeStatus.class);
        String wantedSector = Params.text("sector", sector);
        UUID lead = references.resolveOrganization("leadOrganization", leadOrganization);
        Programme programme = programmes.find(Params.id(id));
        return Response.ok(new Page<>(programme.initiatives.stream()
                .filter(i -> wanted == null || i.status() == wanted)
                .filter(i -> wantedSector == null || wantedSector.equals(i.sector()))
                .filter(i -> lead == null || lead.equals(i.leadOrganizationId()))
                .map(i -> i.in(language)).toList(), null)).build();
    }

    @GET
    @Path("{number}")
    @Operation(summary = "Get an initiative of a programme", description = "With its sub-items, targets, budget and reports.")
    @APIResponse(responseCode = "200", description = "The initiative.",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Initiative.class)))
    public Response get(@PathParam("id") String id,
            @Parameter(description = "Initiative number.", example = "2", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        String language = Languages.requested(lang, headers);
        Initiative initiative = initiatives.find(programmes.find(Params.id(id)), Initiatives.number(number));
        return Responses.read(request, initiative.version(), language, initiative.in(language));
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an initiative to a programme", description = "Without a number, the next after the highest; an "
            + "existing number is a 409. Editors of the owner's jurisdiction may add initiatives.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = InitiativeInput.class),
            examples = @ExampleObject(name = "initiative", value = ProgrammeExamples.INITIATIVE)))
    @APIResponse(responseCode = "201", description = "Added.",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Initiative.class)))
    public Response create(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") InitiativeInput input, @Context UriInfo uri) {
        Initiative initiative = initiatives.create(Params.id(id), input);
        URI location = uri.getAbsolutePathBuilder().path(Integer.toString(initiative.number())).build();
        return Response.created(location).tag(Versions.etag(initiative.version())).entity(initiative).build();
    }

    @PUT
    @Path("{number}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an initiative", description = "Needs If-Match with the initiative's ETag. Its reports stay as "
            + "they are. A new status is the event civic.programme.initiative.status_changed; any other change "
            + "civic.programme.updated. Unchanged: no new version.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = InitiativeInput.class),
            examples = @ExampleObject(name = "initiative", value = ProgrammeExamples.INITIATIVE)))
    @APIResponse(responseCode = "200", description = "Replaced.",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Initiative.class)))
    public Response replace(@PathParam("id") String id,
            @Parameter(description = "Initiative number.", example = "2", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") InitiativeInput input, @Context HttpHeaders headers) {
        Initiative initiative = initiatives.replace(Params.id(id), Initiatives.number(number), headers, input);
        return Responses.updated(initiative.version(), initiative);
    }

    @PATCH
    @Path("{number}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of an initiative", description = "A JSON merge patch (RFC 7396); needs If-Match "
            + "with the initiative's ETag. Arrays (targets, subItems) are replaced whole; reports cannot be patched. "
            + "{\"status\": \"on_hold\"} is the event civic.programme.initiative.status_changed.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE,
            schema = @Schema(implementation = InitiativeInput.class),
            examples = @ExampleObject(name = "put on hold", value = "{\"status\": \"on_hold\"}")))
    @APIResponse(responseCode = "200", description = "Changed.",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Initiative.class)))
    public Response patch(@PathParam("id") String id,
            @Parameter(description = "Initiative number.", example = "2", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        Initiative initiative = initiatives.patch(Params.id(id), Initiatives.number(number), headers, patch);
        return Responses.updated(initiative.version(), initiative);
    }

    @POST
    @Path("{number}/reports")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report progress on an initiative", description = "Appends a dated report, which sets the initiative's "
            + "status and progress (event civic.programme.initiative.reported). Reports are never edited or removed, so no "
            + "If-Match is needed: appending loses nothing. The date may be neither in the future nor before the newest report.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Report.class),
            examples = @ExampleObject(name = "mid-year report", value = ProgrammeExamples.REPORT,
                    description = "Illustrative figures: the sources hold no progress report.")))
    @APIResponse(responseCode = "201", description = "Appended; the initiative as it is now.",
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Location", description = "The initiative, whose newest report this now is (a report has "
                            + "no address of its own).", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(schema = @Schema(implementation = Initiative.class)))
    public Response report(@PathParam("id") String id,
            @Parameter(description = "Initiative number.", example = "2", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @Valid @NotNull(message = "a JSON body is required") Report report, @Context UriInfo uri) {
        Initiative initiative = initiatives.report(Params.id(id), Initiatives.number(number), report);
        String reports = uri.getAbsolutePath().toString();
        URI location = URI.create(reports.substring(0, reports.lastIndexOf("/reports")));
        return Response.created(location).tag(Versions.etag(initiative.version())).entity(initiative).build();
    }
}
