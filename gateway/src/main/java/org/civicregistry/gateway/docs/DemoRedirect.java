package org.civicregistry.gateway.docs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * {@code /demo} → {@code /demo/}: the widgets' demo page is the static {@code META-INF/resources/demo/index.html},
 * which the static handler serves for the directory path only. The redirect is relative, so it also works behind
 * a proxy that mounts the gateway under a path, and it keeps the query ({@code ?organization=...}).
 */
@ApplicationScoped
public class DemoRedirect {

    void install(@Observes Router router) {
        // Vert.x matches "/demo" and "/demo/" alike: only the path without the slash is redirected.
        router.get("/demo").order(1).handler(ctx -> {
            if (!"/demo".equals(ctx.normalizedPath())) {
                ctx.next();
                return;
            }
            String query = ctx.request().query();
            ctx.response().setStatusCode(301).putHeader("Location", "demo/" + (query == null ? "" : "?" + query)).end();
        });
    }
}
