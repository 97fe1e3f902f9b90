package org.civicregistry.officials.organization;

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

@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public class OrganizationResource extends RecordResource<Organization, OrganizationInput, OrganizationView> {

    /** What the inherited record routes say of organizations. */
    public static final RecordDocs DOCS = RecordDocs.of("/api/v1/organizations", "Editors of the organization (or of "
            + "its ancestors) may change it; a new parentId needs authority over the old and the new parent.")
            .patchExample("add English name", "{\"name\": {\"en\": \"Gwangju Metropolitan City\"}}");

    private final OrganizationService organizations;

    public OrganizationResource(OrganizationService organizations, History history, Snapshots snapshots) {
        super(organizations, history, snapshots);
        this.organizations = organizations;
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
            @Parameter(description = Identifier.QUERY, example = Identifier.QUERY_EXAMPLE) @QueryParam("identifier") String identifier,
            @Parameter(description = Params.IDS) @QueryParam("id") List<String> id,
            @Parameter(description = ApiDocs.STATUS, schema = @Schema(implementation = RecordStatus.class)) @QueryParam("status") String status,
            @QueryParam("lang") String lang,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("count") String count,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String language = Languages.requested(lang, headers);
        OrganizationFilter filter = new OrganizationFilter(
                Params.text("slug", slug),
                Params.enumValue("classification", classification, Classification.class),
                organizations.resolve("parent", parent),
                Params.text("q", q),
                Params.dateTime("updatedSince", updatedSince),
                Params.enumValue("status", status, RecordStatus.class),
                Identifier.parse("identifier", identifier),
                Params.ids("id", id));
        Page<OrganizationView> page = organizations.list(filter, PageRequest.of(limit, cursor, count)).map(o -> o.in(language));
        return PagedResponse.of(page, uri);
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
        return endpoints().create(input, uri);
    }

    /** The page schema for the OpenAPI document. */
    @Schema(name = "OrganizationPage")
    public record OrganizationPage(java.util.List<OrganizationView> items, String nextCursor, Total total) {
    }
}
