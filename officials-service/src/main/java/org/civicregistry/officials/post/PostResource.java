package org.civicregistry.officials.post;

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

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.officials.organization.OrganizationService;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.text.Languages;
import org.civicregistry.commons.write.RecordEndpoints;
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
public class PostResource {

    private final PostService posts;
    private final OrganizationService organizations;
    private final RecordEndpoints<Post, PostInput, PostView> endpoints;

    public PostResource(PostService posts, OrganizationService organizations, History history) {
        this.posts = posts;
        this.organizations = organizations;
        this.endpoints = new RecordEndpoints<>(posts, history);
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
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = RecordStatus.class)) @QueryParam("status") String status,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        PostFilter filter = new PostFilter(
                Params.text("slug", slug),
                organizations.resolve("organization", organization),
                Params.text("role", role),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class));
        Page<PostView> page = posts.list(filter, PageRequest.of(limit, cursor)).map(p -> p.in(language));
        return PagedResponse.of(page, uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a post")
    @APIResponse(responseCode = "200", description = "The post.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response get(@PathParam("id") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        return endpoints.read(id, lang, headers, request);
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "History of a post", description = "Every version, oldest first.")
    public Response history(@PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return endpoints.history(id, limit, cursor, uri);
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
        return endpoints.create(input, uri);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a post", description = "Needs If-Match with the current ETag. A post is its organization's; a new organizationId needs authority over the old and the new one.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PostInput.class),
            examples = @ExampleObject(name = "post", value = Examples.POST)))
    @APIResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response replace(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") PostInput input, @Context HttpHeaders headers) {
        return endpoints.replace(id, input, headers);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of a post", description = "A JSON merge patch (RFC 7396); needs If-Match. Who may: as for PUT.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE,
            schema = @Schema(implementation = PostInput.class),
            examples = @ExampleObject(name = "set the end", value = "{\"end\": \"2026-06-30\"}")))
    @APIResponse(responseCode = "200", description = "Changed.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response patch(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        return endpoints.patch(id, patch, headers);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Archive a post", description = "Public records are never deleted: the post is archived "
            + "and stays readable; only an admin can restore it (POST {id}/restore). Editors of the owning jurisdiction only. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Archived.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response archive(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.archive(id, headers);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Restore an archived post", description = "Admins only: brings the archived post back to status active "
            + "(event civic.post.restored, in its history). Restoring an active one changes nothing. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Restored.",
            content = @Content(schema = @Schema(implementation = PostView.class)))
    public Response restore(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.restore(id, headers);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "PostPage")
    public record PostPage(java.util.List<PostView> items, String nextCursor) {
    }
}
