package org.civicregistry.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Every request gets an {@code X-Request-Id}: the client's, if it sent a sane one, else a new UUID.
 * It is passed upstream, returned on the response and written in the access log.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || !SANE.matcher(id).matches()) {
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
