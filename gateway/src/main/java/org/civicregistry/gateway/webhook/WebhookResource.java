package org.civicregistry.gateway.webhook;

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
import org.civicregistry.commons.problem.ProblemException;
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

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final Webhooks webhooks;

    public WebhookResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook receiver", description = "Every matching change is POSTed to the URL as a "
            + "CloudEvent (structured JSON), signed per Standard Webhooks (https://www.standardwebhooks.com/): webhook-id (the "
            + "same on every attempt: drop repeats by it), webhook-timestamp (unix seconds of the attempt) and webhook-signature "
            + "(v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\">, keyed with the base64-decoded part of the "
            + "secret after whsec_; after a rotation of the secret, a second signature, space-separated), so the standard's "
            + "libraries verify them. Deliveries of one receiver go in order; failures are retried, then dead-lettered. "
            + "The deprecated Civic-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> with the same "
            + "key) is sent until " + Signatures.LEGACY_UNTIL + ". The secret is returned in this answer only.")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebhookInput.class), examples = @ExampleObject(name = "events",
            value = "{\"url\": \"https://www.gwangju.go.kr/hooks/civic\", \"topics\": [\"civic.events.v1\"], \"types\": [\"civic.event.*\"], "
                    + "\"description\": \"Gwangju city website: event calendar\"}")))
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the secret.",
            headers = @Header(name = "Location", description = "Address of the new receiver.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response create(@Valid @NotNull(message = "a JSON body is required") WebhookInput input, @Context UriInfo uri) {
        WebhookSubscription subscription = webhooks.create(input);
        return Responses.created(uri, subscription.id, WebhookView.of(subscription, true));
    }

    @GET
    @Operation(summary = "List webhook receivers", description = "Secrets are never shown.")
    @APIResponse(responseCode = "200", description = "A page of receivers.",
            headers = @Header(name = "Link", description = "Link to the next page: <...>; rel=\"next\".", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = WebhookPage.class)))
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return PagedResponse.of(webhooks.list(PageRequest.of(limit, cursor)), uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a webhook receiver")
    @APIResponse(responseCode = "200", description = "The receiver.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(webhooks.find(Params.id(id)), false);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Stop deliveries to a receiver", description = "The receiver is disabled; its delivery log stays.")
    @APIResponse(responseCode = "200", description = "Disabled.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView disable(@PathParam("id") String id) {
        return WebhookView.of(webhooks.disable(Params.id(id)), false);
    }

    @POST
    @Path("{id}/secret/rotate")
    @Operation(summary = "Rotate a receiver's secret", description = "Returns a new secret, in this answer only. Until "
            + "previousSecretValidUntil (rotation-overlap, 24 hours by default) every delivery carries two signatures in "
            + "webhook-signature, one with each secret, so a receiver can switch to the new one without losing a delivery. "
            + "A rotation during the overlap ends the older secret's.")
    @APIResponse(responseCode = "200", description = "The receiver, with its new secret.",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView rotateSecret(@PathParam("id") String id) {
        return WebhookView.of(webhooks.rotateSecret(Params.id(id)), true);
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause deliveries to a receiver", description = "Matching changes are still queued, in order, and sent "
            + "once the receiver is resumed: for a receiver under maintenance. Pausing a paused receiver changes nothing; a "
            + "disabled one must be resumed first (409).")
    @APIResponse(responseCode = "200", description = "Paused.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView pause(@PathParam("id") String id) {
        return WebhookView.of(webhooks.pause(Params.id(id)), false);
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume deliveries to a receiver", description = "Sends what was queued meanwhile, oldest first, then "
            + "goes on. Also re-enables a disabled receiver (stopped, or disabled after answering 410 Gone).")
    @APIResponse(responseCode = "200", description = "Active.", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public WebhookView resume(@PathParam("id") String id) {
        return WebhookView.of(webhooks.resume(Params.id(id)), false);
    }

    @POST
    @Path("{id}/ping")
    @Operation(summary = "Send a test delivery", description = "Queues a civic.webhook.ping CloudEvent for the receiver, "
            + "signed and retried like any delivery, after what is already queued for it.")
    @APIResponse(responseCode = "202", description = "Queued; the delivery log shows how it went.",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response ping(@PathParam("id") String id) {
        return Response.accepted(DeliveryView.of(webhooks.ping(Params.id(id)))).build();
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Redeliver one delivery", description = "Queues it again, delivered or dead, with the same webhook-id "
            + "(receivers drop what they already have) and a fresh retry schedule. It goes before the receiver's deliveries "
            + "queued after it.")
    @APIResponse(responseCode = "202", description = "Queued again.",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response redeliver(@PathParam("id") String id,
            @Parameter(description = "The delivery's id, from the delivery log.") @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(DeliveryView.of(webhooks.redeliver(Params.id(id), deliveryNumber(deliveryId)))).build();
    }

    @POST
    @Path("{id}/redeliver")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeliver everything since a time", description = "Queues again every delivery created at or after "
            + "since that is not still queued, in their order, with their webhook-ids: for a receiver that lost its data.")
    @RequestBody(content = @Content(schema = @Schema(implementation = RedeliveryInput.class),
            examples = @ExampleObject(name = "since", value = "{\"since\": \"2026-03-01T00:00:00Z\"}")))
    @APIResponse(responseCode = "202", description = "Queued again.",
            content = @Content(schema = @Schema(implementation = Redelivered.class)))
    public Response redeliverSince(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") RedeliveryInput input) {
        return Response.accepted(new Redelivered(webhooks.redeliverSince(Params.id(id), input.since()))).build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Delivery log of a receiver", description = "Every delivery with its attempts, last answer and state, oldest first.")
    @APIResponse(responseCode = "200", description = "A page of deliveries.",
            headers = @Header(name = "Link", description = "Link to the next page: <...>; rel=\"next\".", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    public Response deliveries(@PathParam("id") String id,
            @Parameter(description = "PENDING, DELIVERED or DEAD.") @QueryParam("status") String status,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return PagedResponse.of(webhooks.deliveries(Params.id(id), status, PageRequest.of(limit, cursor)), uri);
    }

    private static long deliveryNumber(String deliveryId) {
        try {
            return Long.parseLong(deliveryId);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("deliveryId", "must be a delivery's number, from the delivery log");
        }
    }

    @Schema(name = "WebhookRedeliveryInput")
    public record RedeliveryInput(
            @NotNull @Schema(description = "Deliveries created at or after this instant are sent again.", examples = "2026-03-01T00:00:00Z")
            java.time.OffsetDateTime since) {
    }

    @Schema(name = "WebhookRedelivered")
    public record Redelivered(@Schema(description = "How many deliveries were queued again.") int redelivered) {
    }

    @Schema(name = "WebhookPage")
    public record WebhookPage(List<WebhookView> items, String nextCursor) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }
}
