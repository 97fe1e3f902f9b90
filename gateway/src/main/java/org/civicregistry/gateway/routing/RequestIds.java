package org.civicregistry.gateway.routing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civicregistry.commons.http.RequestIdLogging;

import io.vertx.ext.web.Router;

/**
 * Every request gets an {@code X-Request-Id}: the client's, if it sent a sane one, else a new UUID.
 * It is passed upstream, returned on the response and written in the access log.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = RequestIdLogging.HEADER;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (!RequestIdLogging.sane(id)) {
                id = UUID.randomUUID().toString();
                ctx.request().headers().set(HEADER, id);
            }
            String requestId = id;
            ctx.put(HEADER, requestId);
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HEADER, requestId));
            ctx.next();
        });
    }
}
