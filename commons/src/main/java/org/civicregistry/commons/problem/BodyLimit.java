package org.civicregistry.commons.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a declared body over {@code quarkus.http.limits.max-body-size} with a 413 problem before
 * reading it; left to Vert.x, the 413 would come with no body at all.
 */
@ApplicationScoped
public class BodyLimit {

    private final ObjectMapper mapper;
    private final long maxBytes;

    public BodyLimit(ObjectMapper mapper, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.mapper = mapper;
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                Problem problem = new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + maxBytes + " bytes.").toProblem(ctx.request().path());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(json(problem));
                return;
            }
            ctx.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
