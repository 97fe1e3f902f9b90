package org.civicregistry.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.problem.Problem;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;

/** Problem bodies for answers the gateway gives itself, outside JAX-RS (proxy failures, 429). */
public final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY);

    private Problems() {
    }

    /** Ends the exchange with a problem+json answer. */
    public static void respond(io.vertx.ext.web.RoutingContext ctx, ProblemType type, String detail) {
        ctx.response().setStatusCode(type.status())
                .putHeader("Content-Type", org.civicregistry.commons.problem.Problem.MEDIA_TYPE)
                .end(json(type, detail, ctx.request().path()));
    }

    public static String json(ProblemType type, String detail, String instance) {
        Problem problem = new ProblemException(type, detail).toProblem(instance);
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
