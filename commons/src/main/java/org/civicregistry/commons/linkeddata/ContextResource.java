package org.civicregistry.commons.linkeddata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.civicregistry.commons.http.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The register's JSON-LD context, which every {@code application/ld+json} record names. Served by
 * the gateway (and by each service, for a client that reaches one directly), from this jar, so
 * the documents and the context they name cannot disagree.
 */
@Path("/api/v1/contexts")
@Tag(name = "Linked data", description = "The vocabulary of the records read as JSON-LD (Accept: application/ld+json).")
public class ContextResource {

    private static final byte[] CONTEXT = load();
    private static final EntityTag TAG = new EntityTag(digest(CONTEXT));

    @GET
    @Path("civic.jsonld")
    @Produces(LinkedData.MEDIA_TYPE)
    @Operation(operationId = "getLinkedDataContext", summary = "The JSON-LD context of the register",
            description = "What every field of a record read with Accept: application/ld+json means: Popolo's terms"
                    + " (W3C ORG, FOAF, the person vocabulary) for people, organizations, posts and memberships,"
                    + " schema.org's for events (Event, Place, eventStatus, performers), agreements (Legislation) and"
                    + " programmes (Project); text in several languages is a language map. Terms of the register's own"
                    + " are under https://civicregistry.org/ns#. docs/open-data.md lists the mapping.")
    @APIResponse(responseCode = "200", description = "The context (JSON-LD 1.1).",
            headers = { @Header(name = "ETag", description = "Changes only with a new context.", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "public, max-age=86400", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = LinkedData.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "@context", properties = @SchemaProperty(name = "@context", type = SchemaType.OBJECT)), example = "{\"@context\": {\"@version\": 1.1, \"schema\": \"https://schema.org/\", \"...\": \"...\"}}"))
    public Response context(@Context Request request) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        // as a record's read: 304 for If-None-Match, a 412 problem for an If-Match that does not match
        return Response.fromResponse(Responses.read(request, TAG, null, CONTEXT, LinkedData.TYPE)).cacheControl(cache).build();
    }

    private static byte[] load() {
        try (InputStream in = ContextResource.class.getResourceAsStream("/linked-data/civic.jsonld")) {
            if (in == null) {
                throw new IllegalStateException("linked-data/civic.jsonld is missing from the commons jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
