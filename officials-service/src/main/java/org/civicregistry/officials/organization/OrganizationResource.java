package org.civicregistry.officials.organization;

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

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final RecordEndpoints<Organization, OrganizationInput, OrganizationView> endpoints;

    public OrganizationResource(OrganizationService organizations, History history) {
        this.organizations = organizations;
        this.endpoints = new RecordEndpoints<>(organizations, history);
    }

    @GET
    @Operation(summary = "List organizations", description = "Cursor-paged, in creation order. Filter by classification, parent, name.")
    @APIResponse(responseCode = "200", description = "A page of organizations.",
            content = @Content(schema = @Schema(implementation = OrganizationPage.class)))
    public Response list(
            @Parameter(description = "Exact slug.", example = "gwangju") @QueryParam("slug") String slug,
            @Parameter(description = "Kind of organization.", schema = @Schema(implementation = Classification.class))
            @QueryParam("classification") String classification,
            @Parameter(description = "Parent organization, by id or slug.", example = "gyeonggi") @QueryParam("parent") String parent,
            @Parameter(description = ApiDocs.Q, example = "광주") @QueryParam("q") String q,
            @Parameter(description = ApiDocs.UPDATED_SINCE, example = "2023-10-01T00:00:00+09:00") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = RecordStatus.class)) @QueryParam("status") String status,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        OrganizationFilter filter = new OrganizationFilter(
                Params.text("slug", slug),
                Params.enumValue("classification", classification, Classification.class),
                organizations.resolve("parent", parent),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class));
        Page<OrganizationView> page = organizations.list(filter, PageRequest.of(limit, cursor)).map(o -> o.in(language));
        return PagedResponse.of(page, uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get an organization")
    @APIResponse(responseCode = "200", description = "The organization.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response get(@PathParam("id") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        return endpoints.read(id, lang, headers, request);
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "History of an organization", description = "Every version, oldest first.")
    public Response history(@PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return endpoints.history(id, limit, cursor, uri);
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization", description = "Editors may create organizations under an organization of their jurisdictions (the parent owns the new one); top-level organizations are for admins.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OrganizationInput.class),
            examples = @ExampleObject(name = "metropolitan city", value = Examples.ORGANIZATION)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") OrganizationInput input, @Context UriInfo uri) {
        return endpoints.create(input, uri);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an organization", description = "Needs If-Match with the current ETag. Editors of the organization (or of its ancestors) may change it; a new parentId needs authority over the old and the new parent.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OrganizationInput.class),
            examples = @ExampleObject(name = "metropolitan city", value = Examples.ORGANIZATION)))
    @APIResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response replace(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") OrganizationInput input, @Context HttpHeaders headers) {
        return endpoints.replace(id, input, headers);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of an organization", description = "A JSON merge patch (RFC 7396); needs If-Match. Who may: as for PUT.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE,
            schema = @Schema(implementation = OrganizationInput.class),
            examples = @ExampleObject(name = "add English name", value = "{\"name\": {\"en\": \"Gwangju Metropolitan City\"}}")))
    @APIResponse(responseCode = "200", description = "Changed.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response patch(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        return endpoints.patch(id, patch, headers);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Operation(summary = "Archive an organization", description = "Public records are never deleted: the organization is archived "
            + "and stays readable; only an admin can restore it (POST {id}/restore). Editors of the owning jurisdiction only. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Archived.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response archive(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.archive(id, headers);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Restore an archived organization", description = "Admins only: brings the archived organization back to status active "
            + "(event civic.organization.restored, in its history). Restoring an active one changes nothing. Needs If-Match.")
    @APIResponse(responseCode = "200", description = "Restored.",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public Response restore(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.restore(id, headers);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "OrganizationPage")
    public record OrganizationPage(java.util.List<OrganizationView> items, String nextCursor) {
    }
}
