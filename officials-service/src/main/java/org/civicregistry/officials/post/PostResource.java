package org.civicregistry.officials.post;

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

@Path("/api/v1/posts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts")
public class PostResource extends RecordResource<Post, PostInput, PostView> {

    /** What the inherited record routes say of posts. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/posts",
            "A post is its organization's; a new organizationId needs authority over the old and the new one.")
            .patchExample("set the end", "{\"end\": \"2026-06-30\"}");

    private final PostService posts;
    private final OrganizationService organizations;

    public PostResource(PostService posts, OrganizationService organizations, History history, Snapshots snapshots) {
        super(posts, history, snapshots);
        this.posts = posts;
        this.organizations = organizations;
    }

    @GET
    @Operation(summary = "List posts", description = "Cursor-paged, in creation order. Who held a post when: "
            + "GET /api/v1/people?post=...&at=... or /api/v1/memberships?post=....")
    @APIResponse(responseCode = "200", description = "A page of posts.",
            content = @Content(schema = @Schema(implementation = PostPage.class)))
    public Response list(
            @Parameter(description = "Exact slug.", example = "gwangju-mayor") @QueryParam("slug") String slug,
            @Parameter(description = "Posts of this organization, by id or slug.", example = "gwangju") @QueryParam("organization") String organization,
            @Parameter(description = "Posts with this role.", example = "mayor") @QueryParam("role") String role,
            @Parameter(description = ApiDocs.Q, example = "시장") @QueryParam("q") String q,
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
        PostFilter filter = new PostFilter(
                Params.text("slug", slug),
                organizations.resolve("organization", organization),
                Params.text("role", role),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<PostView> page = posts.list(filter, PageRequest.of(limit, cursor, count)).map(p -> p.in(language));
        return PagedResponse.of(page, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a post", description = "Editors may create posts in the organizations of their jurisdictions.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PostInput.class),
            examples = @ExampleObject(name = "post", value = Examples.POST)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") PostInput input, @Context UriInfo uri) {
        return endpoints().create(input, uri);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "PostPage")
    public record PostPage(java.util.List<PostView> items, String nextCursor, Total total) {
    }
}
