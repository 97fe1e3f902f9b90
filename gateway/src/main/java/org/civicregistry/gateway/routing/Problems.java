package org.civicregistry.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.text.Languages;

/** Problem bodies for answers the gateway gives itself, outside JAX-RS (proxy failures, 429). */
public final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY);

    private Problems() {
    }

    /** Ends the exchange with a problem+json answer, its title in the client's language. */
    public static void respond(io.vertx.ext.web.RoutingContext ctx, ProblemType type, String detail) {
        String language = language(ctx.request());
        ctx.response().setStatusCode(type.status())
                .putHeader("Content-Type", org.civicregistry.commons.problem.Problem.MEDIA_TYPE)
                .end(json(type, detail, ctx.request().path(), language));
    }

    /** The language a client asked for ({@code lang}, else {@code Accept-Language}), for a problem's title. */
    public static String language(io.vertx.core.http.HttpServerRequest request) {
        return Languages.preferred(request.getParam("lang"), request.getHeader("Accept-Language"));
    }

    public static String json(ProblemType type, String detail, String instance, String language) {
        Problem problem = new ProblemException(type, detail).toProblem(instance).localized(language);
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
