package org.civicregistry.agreements.item;

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

import org.civicregistry.agreements.agreement.Agreement;
import org.civicregistry.agreements.agreement.AgreementService;
import org.civicregistry.agreements.common.ApiDocs;
import org.civicregistry.agreements.common.Examples;
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
 * The items of an agreement as their own resources, each with its own ETag (its version). A write of
 * an item is a new version of the agreement too, and one event on the agreement's key.
 */
@Path("/api/v1/agreements/{id}/items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Items")
public class ItemResource {

    private final AgreementService agreements;
    private final ItemService items;

    public ItemResource(AgreementService agreements, ItemService items) {
        this.agreements = agreements;
        this.items = items;
    }

    @GET
    @Operation(summary = "List the items of an agreement", description = "In number order, all on one page (an agreement has "
            + "at most 100 items).")
    @APIResponse(responseCode = "200", description = "The items.",
            content = @Content(schema = @Schema(implementation = Examples.ItemPage.class)))
    public Response list(@PathParam("id") String id,
            @Parameter(description = "Only items with this status.", schema = @Schema(implementation = ItemStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Only items of this sector.", example = "tourism") @QueryParam("sector") String sector,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        String language = Languages.requested(lang, headers);
        ItemStatus wanted = Params.enumValue("status", status, ItemStatus.class);
        String wantedSector = Params.text("sector", sector);
        Agreement agreement = agreements.find(Params.id(id));
        return Response.ok(new Page<>(agreement.items.stream()
                .filter(i -> wanted == null || i.status() == wanted)
                .filter(i -> wantedSector == null || wantedSector.equals(i.sector()))
                .map(i -> i.in(language)).toList(), null)).build();
    }

    @GET
    @Path("{number}")
    @Operation(summary = "Get an item of an agreement")
    @APIResponse(responseCode = "200", description = "The item.",
            headers = @Header(name = "ETag", description = ApiDocs.ITEM_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Item.class)))
    public Response get(@PathParam("id") String id,
            @Parameter(description = "Item number.", example = "6", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        String language = Languages.requested(lang, headers);
        Item item = items.find(agreements.find(Params.id(id)), Items.number(number));
        return Responses.read(request, item.version(), language, item.in(language));
    }

    @POST
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an item to an agreement", description = "Without a number, the next after the highest; an "
            + "existing number is a 409. Editors of one of the parties may add items.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ItemInput.class),
            examples = @ExampleObject(name = "item", value = Examples.ITEM)))
    @APIResponse(responseCode = "201", description = "Added.",
            headers = @Header(name = "ETag", description = ApiDocs.ITEM_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Item.class)))
    public Response create(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") ItemInput input, @Context UriInfo uri) {
        UUID agreementId = Params.id(id);
        Item item = items.create(agreementId, input);
        URI location = uri.getAbsolutePathBuilder().path(Integer.toString(item.number())).build();
        return Response.created(location).tag(Versions.etag(item.version())).entity(item).build();
    }

    @PUT
    @Path("{number}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an item", description = "Needs If-Match with the item's ETag. A new status is the event "
            + "civic.agreement.item.status_changed; any other change civic.agreement.updated. Unchanged: no new version.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ItemInput.class),
            examples = @ExampleObject(name = "item", value = Examples.ITEM)))
    @APIResponse(responseCode = "200", description = "Replaced.",
            headers = @Header(name = "ETag", description = ApiDocs.ITEM_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Item.class)))
    public Response replace(@PathParam("id") String id,
            @Parameter(description = "Item number.", example = "6", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @Parameter(description = ApiDocs.ITEM_IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ItemInput input, @Context HttpHeaders headers) {
        Item item = items.replace(Params.id(id), Items.number(number), headers, input);
        return Responses.updated(item.version(), item);
    }

    @PATCH
    @Path("{number}")
    @RolesAllowed({ Roles.EDITOR, Roles.ADMIN })
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(summary = "Change some fields of an item", description = "A JSON merge patch (RFC 7396); needs If-Match with "
            + "the item's ETag. {\"status\": \"done\"} is the event civic.agreement.item.status_changed.")
    @RequestBody(required = true, content = @Content(mediaType = JsonMergePatch.MEDIA_TYPE,
            schema = @Schema(implementation = ItemInput.class),
            examples = @ExampleObject(name = "mark as done", value = "{\"status\": \"done\"}")))
    @APIResponse(responseCode = "200", description = "Changed.",
            headers = @Header(name = "ETag", description = ApiDocs.ITEM_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Item.class)))
    public Response patch(@PathParam("id") String id,
            @Parameter(description = "Item number.", example = "6", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "999"))
            @PathParam("number") String number,
            @Parameter(description = ApiDocs.ITEM_IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON merge patch body is required") JsonNode patch, @Context HttpHeaders headers) {
        Item item = items.patch(Params.id(id), Items.number(number), headers, patch);
        return Responses.updated(item.version(), item);
    }
}
