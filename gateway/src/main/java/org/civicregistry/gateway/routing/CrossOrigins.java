package org.civicregistry.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.civicregistry.commons.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.ext.web.Router;

/**
 * A request from a browser page on an origin not listed in {@code quarkus.http.cors.origins} is
 * refused with a 403 problem, like every other error. (Quarkus' own CORS handler, which serves the
 * listed origins, would refuse it with an empty 403.) Same-origin requests and requests without an
 * {@code Origin} (servers, scripts) pass.
 */
@ApplicationScoped
public class CrossOrigins {

    private final Set<String> listed;

    public CrossOrigins(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.listed = origins.orElse(List.of()).stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    void install(@Observes Router router) {
        if (listed.isEmpty() || listed.contains("*")) {
            return;
        }
        // After the request id and the rate limit, before the CORS handler of Quarkus.
        router.route().order(Integer.MIN_VALUE + 3).handler(ctx -> {
            String origin = ctx.request().getHeader("Origin");
            if (origin == null || ctx.request().path().startsWith("/q/") || listed.contains(origin.strip().toLowerCase(Locale.ROOT))
                    || sameOrigin(origin, ctx.request().scheme(), ctx.request().authority() == null ? null : ctx.request().authority().toString())) {
                ctx.next();
                return;
            }
            Problems.respond(ctx, ProblemType.FORBIDDEN, "Cross-origin requests from " + origin.strip()
                    + " are not allowed; the origins allowed are those of the municipal sites that embed the data.");
        });
    }

    private static boolean sameOrigin(String origin, String scheme, String authority) {
        return authority != null && scheme != null && origin.strip().equalsIgnoreCase(scheme + "://" + authority);
    }
}
