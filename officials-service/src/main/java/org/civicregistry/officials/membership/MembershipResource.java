package org.civicregistry.officials.membership;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.commons.paging.Total;
import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.openapi.RecordDocs;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.officials.organization.OrganizationService;
import org.civicregistry.officials.person.PersonService;
import org.civicregistry.officials.post.PostService;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordResource;
import org.civicregistry.officials.common.ApiDocs;
import org.civicregistry.officials.common.Examples;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/memberships")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Memberships")
public class MembershipResource extends RecordResource<Membership, MembershipInput, MembershipView> {

    /** What the inherited record routes say of memberships. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/memberships", "A membership is its organization's; "
            + "moving it to another organization or post needs authority over both.")
            .patchExample("end a term", "{\"end\": \"2022-06-30\", \"endReason\": \"term_ended\"}");

    private final MembershipService memberships;
    private final OrganizationService organizations;
    private final PersonService people;
    private final PostService posts;

    public MembershipResource(MembershipService memberships, OrganizationService organizations, PersonService people,
            PostService posts, History history, Snapshots snapshots) {
        super(memberships, history, snapshots);
        this.memberships = memberships;
        this.organizations = organizations;
        this.people = people;
        this.posts = posts;
    }

    @GET
    @Operation(summary = "List memberships", description = "Cursor-paged, in creation order. post=...&at=... is who held "
            + "the post that day; person=...&current=true are a person's current posts.")
    @APIResponse(responseCode = "200", description = "A page of memberships.",
            content = @Content(schema = @Schema(implementation = MembershipPage.class)))
    public Response list(
            @Parameter(description = "Exact slug.", example = "kang-ki-jung-gwangju-mayor-2022") @QueryParam("slug") String slug,
            @Parameter(description = "Memberships of this person, by id or slug.", example = "kang-ki-jung") @QueryParam("person") String person,
            @Parameter(description = "Memberships in this organization, by id or slug.", example = "gwangju") @QueryParam("organization") String organization,
            @Parameter(description = "Memberships holding this post, by id or slug.", example = "gwangju-mayor") @QueryParam("post") String post,
            @Parameter(description = "Memberships with this role.", example = "mayor") @QueryParam("role") String role,
            @Parameter(description = "Memberships on behalf of this party, by id or slug.") @QueryParam("party") String party,
            @Parameter(description = ApiDocs.AT, example = "2019-12-26") @QueryParam("at") String at,
            @Parameter(description = "true: going on today; false: ended.") @QueryParam("current") String current,
            @Parameter(description = ApiDocs.UPDATED_SINCE, example = "2023-10-01T00:00:00+09:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE) @QueryParam("identifier") String identifier,
            @Parameter(description = Params.IDS) @QueryParam("id") List<String> id,
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = RecordStatus.class)) @QueryParam("status") String status,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        MembershipFilter filter = new MembershipFilter(
                Params.text("slug", slug),
                people.resolve("person", person),
                organizations.resolve("organization", organization),
                posts.resolve("post", post),
                Params.text("role", role),
                organizations.resolve("party", party),
                Params.date("at", at),
                Params.bool("current", current),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<MembershipView> page = memberships.list(filter, PageRequest.of(limit, cursor, count)).map(m -> m.in(language));
        return PagedResponse.of(page, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a membership", description = "Editors may create memberships in the organizations (and posts) of their jurisdictions, of any person: the membership is the organization's, and gives no right to the person.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MembershipInput.class),
            examples = @ExampleObject(name = "membership", value = Examples.MEMBERSHIP)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") MembershipInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "MembershipPage")
    public record MembershipPage(java.util.List<MembershipView> items, String nextCursor, Total total) {
    }
}
