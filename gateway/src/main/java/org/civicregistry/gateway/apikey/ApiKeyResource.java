package org.civicregistry.gateway.apikey;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.http.Responses;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.paging.PagedResponse;
import org.civicregistry.commons.security.Roles;
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

@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "API keys", description = "Integrators' keys (X-Api-Key) and their rate-limit tiers; admins only.")
public class ApiKeyResource {

    private final ApiKeys apiKeys;

    public ApiKeyResource(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key to an integrator", description = "The key, sent as X-Api-Key, gives its holder the "
            + "quotas of its tier (standard or partner) instead of the per-address limit of anonymous clients. It is returned "
            + "in this answer only; the gateway keeps its SHA-256.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyInput.class), examples = @ExampleObject(name = "portal",
            value = "{\"owner\": \"Gyeonggi open data portal\", \"contact\": \"opendata@gg.go.kr\", \"tier\": \"standard\"}")))
    @APIResponse(responseCode = "201", description = "Issued; the answer holds the key.",
            headers = @Header(name = "Location", description = "Address of the new key's record.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    public Response issue(@Valid @NotNull(message = "a JSON body is required") ApiKeyInput input, @Context UriInfo uri) {
        ApiKeyView issued = apiKeys.issue(input);
        return Responses.created(uri, issued.id(), issued);
    }

    @GET
    @Operation(summary = "List API keys", description = "Revoked ones too; the keys themselves are never shown.")
    @APIResponse(responseCode = "200", description = "A page of keys.",
            headers = @Header(name = "Link", description = "Link to the next page: <...>; rel=\"next\".", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return PagedResponse.of(apiKeys.list(PageRequest.of(limit, cursor)), uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get an API key's record")
    @APIResponse(responseCode = "200", description = "The key's record.", content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    public ApiKeyView get(@Parameter(description = "API key id.", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return apiKeys.find(Params.id(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeApiKey",
            summary = "Revoke an API key", description = "Requests with it get 401 from then on: at once on the gateway replica "
            + "that revoked it, within civic.gateway.clients.key-cache (30 s by default) on the others. The record stays.")
    @APIResponse(responseCode = "200", description = "Revoked.", content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    public ApiKeyView revoke(@Parameter(description = "API key id.", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return apiKeys.revoke(Params.id(id));
    }

    @Schema(name = "ApiKeyPage")
    public record ApiKeyPage(List<ApiKeyView> items, String nextCursor) {
    }
}
