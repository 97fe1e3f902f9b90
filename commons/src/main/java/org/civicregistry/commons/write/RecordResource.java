package org.civicregistry.commons.write;

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

import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.linkeddata.LinkedData;
import org.civicregistry.commons.outbox.History;
import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.snapshot.Snapshots;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.vertx.core.http.HttpServerResponse;

/**
 * The routes every collection has: its snapshot download, and on one record read, history, PUT,
 * PATCH, archive and restore,
 * inherited by each collection's resource, which adds its own list, create and other routes. Their
 * summaries, the record's schema, examples and the resource's own wording are added to the document
 * by {@link org.civicregistry.commons.openapi.RecordDocs} (an annotation here cannot name the subclass's nouns
 * or types, and SmallRye OpenAPI reads none of an overriding method's annotations). Its own
 * {@code @Produces}: Quarkus REST takes an inherited method's from the class that declares it, and
 * without one these routes answered any Accept (text/html, image/png) with JSON labelled as asked.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class RecordResource<E extends RecordEntity, I, V extends Localizable<V>> {

    private final RecordEndpoints<E, I, V> endpoints;

    protected RecordResource(RecordService<E, I, V> records, History history, Snapshots snapshots) {
        this.endpoints = new RecordEndpoints<>(records, history, snapshots);
    }

    /** For a resource's own create route, which documents its own body and examples. */
    protected RecordEndpoints<E, I, V> endpoints() {
        return endpoints;
    }

    @GET
    @Path("{id}")
    @Produces({ MediaType.APPLICATION_JSON, LinkedData.MEDIA_TYPE })
    @APIResponse(responseCode = "200")
    public Response get(@PathParam("id") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request, @Context UriInfo uri) {
        return endpoints.read(id, lang, headers, request, uri);
    }

    @GET
    @Path("snapshot")
    @Produces({ Snapshots.NDJSON, Snapshots.CSV })
    public Response snapshot(@QueryParam("format") String format,
            @Context HttpHeaders headers, @Context HttpServerResponse response) {
        return endpoints.snapshot(format, headers, response);
    }

    @GET
    @Path("{id}/history")
    @Operation(description = "Every version, oldest first.")
    public Response history(@PathParam("id") String id,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return endpoints.history(id, limit, cursor, uri);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "Replaced.")
    public Response replace(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") I input, @Context HttpHeaders headers) {
        return endpoints.replace(id, input, headers);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(description = "A JSON merge patch (RFC 7396); needs If-Match. Who may: as for PUT.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE))
    @APIResponse(responseCode = "200", description = "Changed.")
    public Response patch(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        return endpoints.patch(id, patch, headers);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @APIResponse(responseCode = "200", description = "Archived.")
    public Response archive(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.archive(id, headers);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "Restored.")
    public Response restore(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        return endpoints.restore(id, headers);
    }
}
