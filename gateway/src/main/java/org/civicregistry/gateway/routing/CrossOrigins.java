package org.civicregistry.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * {@code Origin} (servers, scripts) pass. An entry between slashes is a regular expression, as for
 * Quarkus' handler ({@code /https://[a-z]+\.gwangju\.go\.kr/}), matched against the whole origin.
 */
@ApplicationScoped
public class CrossOrigins {

    private final Set<String> listed;
    private final List<Pattern> patterns;

    public CrossOrigins(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        List<String> entries = origins.orElse(List.of()).stream().map(String::strip).toList();
        this.listed = entries.stream().filter(o -> !isPattern(o)).map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.patterns = entries.stream().filter(CrossOrigins::isPattern)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1), Pattern.CASE_INSENSITIVE)).toList();
    }

    private static boolean isPattern(String entry) {
        return entry.length() > 2 && entry.startsWith("/") && entry.endsWith("/");
    }

    private boolean allowed(String origin) {
        String o = origin.strip();
        return listed.contains(o.toLowerCase(Locale.ROOT)) || patterns.stream().anyMatch(p -> p.matcher(o).matches());
    }

    void install(@Observes Router router) {
        if ((listed.isEmpty() && patterns.isEmpty()) || listed.contains("*")) {
            return;
        }
        // After the request id and the rate limit, before the CORS handler of Quarkus.
        router.route().order(Integer.MIN_VALUE + 3).handler(ctx -> {
            String origin = ctx.request().getHeader("Origin");
            if (origin == null || ctx.request().path().startsWith("/q/") || allowed(origin)
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
