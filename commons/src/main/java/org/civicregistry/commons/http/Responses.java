package org.civicregistry.commons.http;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The response shapes of record resources: ETag on every record, 201 with Location, 304 on a match. */
public final class Responses {

    private Responses() {
    }

    public static Response created(UriInfo uri, UUID id, int version, Object view) {
        return Response.created(location(uri, id)).tag(Versions.etag(version)).entity(view).build();
    }

    /** 201 for a record without versions (an API key, a webhook): Location, no ETag. */
    public static Response created(UriInfo uri, UUID id, Object view) {
        return Response.created(location(uri, id)).entity(view).build();
    }

    /** Absolute, from the request's (or X-Forwarded-*) host, as JAX-RS makes every Location. */
    private static URI location(UriInfo uri, UUID id) {
        return uri.getAbsolutePathBuilder().path(id.toString()).build();
    }

    /** A record read: 304 when {@code If-None-Match} names the current representation. */
    public static Response read(Request request, int version, String language, Object view) {
        return read(request, Versions.etag(version, language), language, view, MediaType.APPLICATION_JSON_TYPE);
    }

    /** A record read in one of several representations, each with its own ETag. */
    public static Response read(Request request, EntityTag tag, String language, Object view, MediaType type) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null && notModified.build().getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
            // If-Match on a read that does not match: a 412 problem like every other error, not an empty body
            throw new org.civicregistry.commons.problem.ProblemException(org.civicregistry.commons.problem.ProblemType.PRECONDITION_FAILED,
                    "If-Match does not name the current version " + tag + " of this record.");
        }
        Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(view, type);
        response.tag(tag).header(HttpHeaders.VARY, "Accept, Accept-Language");
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language);
        }
        return response.build();
    }

    public static Response updated(int version, Object view) {
        return Response.ok(view).tag(Versions.etag(version)).build();
    }
}
