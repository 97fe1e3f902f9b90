package org.civicregistry.agreements.agreement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.agreements.common.ApiDocs;
import org.civicregistry.agreements.common.Examples;
import org.civicregistry.agreements.readmodel.KnownRecords;
import org.civicregistry.commons.paging.Total;
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
import org.civicregistry.commons.readmodel.Included;
import org.civicregistry.commons.readmodel.Inclusions;
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

@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements")
public class AgreementResource extends RecordResource<Agreement, AgreementInput, AgreementView> {

    private static final String INVALID_TRANSITION_EXAMPLE = """
            {"type": "https://civic-registry.org/problems/invalid-transition", "title": "Invalid state transition", "status": 409,
             "detail": "An agreement cannot go from draft to in_force; from draft it may go to signed.",
             "instance": "/api/v1/agreements/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/transitions",
             "violations": [{"field": "status", "message": "An agreement cannot go from draft to in_force; from draft it may go to signed."}],
             "allowed": ["signed"]}""";

    /** What the inherited record routes say of agreements. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/agreements", ApiDocs.PARTY_RULE + " Items keep their "
            + "version unless they change. A change of status must be an allowed transition (409 invalid-transition "
            + "otherwise). " + ApiDocs.REFERENCES)
            .describing(RecordDocs.Route.GET, "With its parties, signatories and items.")
            .describing(RecordDocs.Route.HISTORY, "Every version, oldest first, with the event type of each change "
                    + "(civic.agreement.created, .signed, .in_force, .item.status_changed, .updated, ...).")
            .describing(RecordDocs.Route.PATCH, "A JSON merge patch (RFC 7396); needs If-Match. " + ApiDocs.PARTY_RULE
                    + " Arrays (parties, items) are replaced whole. {\"status\": \"in_force\"} is a transition, like POST "
                    + "/transitions.")
            .patchExample("set the signing event", "{\"signingEventId\": \"0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b\"}")
            .describing(RecordDocs.Route.ARCHIVE, "Public records are never deleted: the agreement is archived (status "
                    + "archived, event civic.agreement.archived) and stays readable, frozen; only an admin can restore it. "
                    + "Editors of a party's jurisdiction only. Needs If-Match.")
            .withConflict("Archived, a duplicate slug, or an invalid transition.", "invalid transition",
                    INVALID_TRANSITION_EXAMPLE);

    private static final List<String> INCLUDES = List.of("parties", "signatories");

    private final AgreementService agreements;
    private final KnownRecords known;
    private final Inclusions inclusions;

    public AgreementResource(AgreementService agreements, KnownRecords known, Inclusions inclusions, History history,
            Snapshots snapshots) {
        super(agreements, history, snapshots);
        this.agreements = agreements;
        this.known = known;
        this.inclusions = inclusions;
    }

    @GET
    @Operation(summary = "List agreements", description = "Cursor-paged, in signing order (signedOn, then id; agreements not "
            + "signed yet come last). party=gyeonggi&kind=mutual_development lists Gyeonggi's mutual development agreements "
            + "in the order it signed them: the fourth item is its fourth. from/to bound the signing date (a partial date "
            + "matches when it may fall in the range).")
    @APIResponse(responseCode = "200", description = "A page of agreements.",
            content = @Content(schema = @Schema(implementation = AgreementPage.class)))
    public Response list(
            @Parameter(description = "Agreements this organization is party to, by id or slug.", example = "gyeonggi") @QueryParam("party") String party,
            @Parameter(description = "Agreements this person signed, by id or slug.", example = "kim-dong-yeon") @QueryParam("signatory") String signatory,
            @Parameter(description = "Agreements signed by the holder of this post, by id or slug.", example = "gyeonggi-governor") @QueryParam("post") String post,
            @Parameter(description = "Kind of agreement.", schema = @Schema(implementation = AgreementKind.class)) @QueryParam("kind") String kind,
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = AgreementStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Agreements with an item of this sector.", example = "ai_industry") @QueryParam("sector") String sector,
            @Parameter(description = "Signed on or after this day (YYYY-MM-DD).", example = "2023-01-01") @QueryParam("from") String from,
            @Parameter(description = "Signed on or before this day (YYYY-MM-DD).", example = "2023-12-31") @QueryParam("to") String to,
            @Parameter(description = ApiDocs.Q, example = "후쿠시마") @QueryParam("q") String q,
            @Parameter(description = "Exact slug.", example = "gyeonggi-gwangju-mutual-development-2023") @QueryParam("slug") String slug,
            @Parameter(description = ApiDocs.UPDATED_SINCE, example = "2023-10-01T00:00:00+09:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE) @QueryParam("identifier") String identifier,
            @Parameter(description = Params.IDS) @QueryParam("id") List<String> id,
            @Parameter(description = Inclusions.DESCRIPTION + " parties: the parties' organizations; signatories: the people "
                    + "who signed and the posts they signed as.", example = "parties,signatories") @QueryParam("include") String include,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        Set<String> included = Inclusions.parse(include, INCLUDES);
        AgreementFilter filter = new AgreementFilter(
                known.resolveOrganization("party", party),
                known.resolvePerson("signatory", signatory),
                known.resolvePost("post", post),
                Params.enumValue("kind", kind, AgreementKind.class),
                Params.enumValue("status", status, AgreementStatus.class),
                Params.text("sector", sector),
                Params.date("from", from),
                Params.date("to", to),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.text("slug", slug),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<AgreementView> page = agreements.list(filter, PageRequest.of(limit, cursor, count)).map(a -> a.in(language));
        if (!included.isEmpty()) {
            List<Party> parties = page.items().stream()
                    .flatMap(a -> a.parties() == null ? java.util.stream.Stream.empty() : a.parties().stream()).toList();
            List<Signatory> signatories = parties.stream().map(Party::signatory).filter(Objects::nonNull).toList();
            boolean signed = included.contains("signatories");
            page = page.with(inclusions.of(included.contains("parties") ? parties.stream().map(Party::organizationId).toList() : null,
                    signed ? signatories.stream().map(Signatory::personId).toList() : null,
                    signed ? signatories.stream().map(Signatory::postId).toList() : null).in(language));
        }
        return PagedResponse.of(page, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an agreement", description = "Editors may register agreements one of whose parties is in "
            + "their jurisdictions; the other parties are linked, and become co-owners. " + ApiDocs.REFERENCES)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AgreementInput.class),
            examples = { @ExampleObject(name = "mutual development agreement", value = Examples.AGREEMENT,
                    description = "Gyeonggi–Gwangju, eight items. " + ApiDocs.REFERENCES),
                    @ExampleObject(name = "task force", value = Examples.TASK_FORCE,
                            description = "Gwangju–Jeonnam, three sectors. " + ApiDocs.REFERENCES) }))
    @APIResponse(responseCode = "201", description = "Registered.",
            content = @Content(schema = @Schema(implementation = AgreementView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") AgreementInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    @POST
    @Path("{id}/transitions")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move an agreement along its lifecycle", description = "draft → signed → in_force → expired or "
            + "terminated (signed → terminated too). Needs If-Match. The event is named after the new state: "
            + "civic.agreement.signed, civic.agreement.in_force, ... Any other step is a 409 invalid-transition whose "
            + "`allowed` lists the states the agreement may move to. Signing needs signedOn, given here or already set, "
            + "and every signatory must have held their post that day.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TransitionInput.class),
            examples = @ExampleObject(name = "sign", value = Examples.TRANSITION)))
    @APIResponse(responseCode = "200", description = "Moved.",
            content = @Content(schema = @Schema(implementation = AgreementView.class)))
    @APIResponse(responseCode = "409", description = "Not an allowed transition, or the agreement is archived.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid transition", value = INVALID_TRANSITION_EXAMPLE)))
    @APIResponse(responseCode = "412", description = "Precondition failed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale", value = """
                            {"type": "https://civic-registry.org/problems/precondition-failed", "title": "Precondition failed", "status": 412,
                             "detail": "The record has changed since you read it: its current ETag is \\"3\\". Read it again and re-apply your change.",
                             "instance": "/api/v1/agreements/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/transitions"}""")))
    @APIResponse(responseCode = "428", description = "Precondition required",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no If-Match", value = """
                            {"type": "https://civic-registry.org/problems/precondition-required", "title": "Precondition required", "status": 428,
                             "detail": "Send If-Match with the ETag of the version you read (current version: \\"3\\").",
                             "instance": "/api/v1/agreements/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/transitions"}""")))
    public Response transition(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") TransitionInput input, @Context HttpHeaders headers) {
        Agreement agreement = agreements.transition(Params.id(id), headers, input);
        return Responses.updated(agreement.version, agreements.view(agreement));
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "AgreementPage")
    public record AgreementPage(java.util.List<AgreementView> items, String nextCursor, Total total, Included included) {
    }
}
