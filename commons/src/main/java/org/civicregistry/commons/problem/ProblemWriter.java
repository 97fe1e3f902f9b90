package org.civicregistry.commons.problem;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.text.Languages;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a problem as the response, its title in the request's language ({@code lang}, else
 * {@code Accept-Language}). The body is written as a string so it does not depend on a message body
 * writer for {@code application/problem+json}.
 */
@Singleton
public class ProblemWriter {

    private final ObjectMapper mapper;
    private final CurrentVertxRequest request;

    public ProblemWriter(ObjectMapper mapper, CurrentVertxRequest request) {
        this.mapper = mapper;
        this.request = request;
    }

    public Response respond(Problem problem) {
        try {
            return Response.status(problem.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(mapper.writeValueAsString(problem.localized(language())))
                    .build();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The language of the request being answered; null outside one. */
    private String language() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext current = request.getCurrent();
        return current == null ? null
                : Languages.preferred(current.request().getParam("lang"), current.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The request's path, the problem's {@code instance}. */
    public static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
