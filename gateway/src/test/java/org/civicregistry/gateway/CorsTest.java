package org.civicregistry.gateway;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CORS never reflects an origin that is not listed (the test profile lists https://www.gwangju.go.kr and the
 * pattern {@code /https://[a-z0-9-]+\.gg\.go\.kr/}):
 * not on the services' routes, the gateway's own, the documents or the stream, neither in a
 * preflight nor in an actual request, whatever the origin looks like.
 */
@GatewayTest
class CorsTest {

    static final String LISTED = "https://www.gwangju.go.kr";

    /** Unrelated, opaque, the listed host as a prefix, the listed host over http or on another port. */
    static final List<String> ORIGINS = List.of("https://evil.example", "null", "https://www.gwangju.go.kr.evil.example",
            "http://www.gwangju.go.kr", "https://www.gwangju.go.kr:8443",
            // the listed pattern /https://[a-z0-9-]+\.gg\.go\.kr/ matches whole origins only
            "https://news.gg.go.kr.evil.example", "https://news.gg.go.kr:8443", "http://news.gg.go.kr", "https://gg.go.kr");

    static final List<String> ROUTES = List.of("/api/v1/people", "/api/v1/webhooks", "/openapi", "/api/v1/stream");

    static Stream<Arguments> originsAndRoutes() {
        return ORIGINS.stream().flatMap(origin -> ROUTES.stream().map(route -> Arguments.of(origin, route)));
    }

    @ParameterizedTest(name = "{0} preflight on {1}")
    @MethodSource("originsAndRoutes")
    void aPreflightFromAnUnlistedOriginIsNotAllowed(String origin, String route) {
        for (String method : Arrays.asList("GET", "DELETE")) {
            Client.anyone().header("Origin", origin).header("Access-Control-Request-Method", method)
                    .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                    .options(route).then().log().ifValidationFails()
                    .header("Access-Control-Allow-Origin", anyOf(nullValue(), equalTo(LISTED)))
                    .header("Access-Control-Allow-Origin", not(equalTo(origin)))
                    .header("Access-Control-Allow-Origin", not(equalTo("*")))
                    .header("Access-Control-Allow-Credentials", anyOf(nullValue(), not(equalTo("true"))));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("originsAndRoutes")
    void anActualRequestFromAnUnlistedOriginGetsNoCorsGrant(String origin, String route) {
        if (route.equals("/api/v1/stream")) {
            return; // an endless stream; its preflight is checked above
        }
        // The answer is the operation's own, checked against the document like any other.
        Client.anyone().header("Origin", origin).get(route).then().log().ifValidationFails()
                .header("Access-Control-Allow-Origin", anyOf(nullValue(), equalTo(LISTED)))
                .header("Access-Control-Allow-Origin", not(equalTo(origin)))
                .header("Access-Control-Allow-Origin", not(equalTo("*")));
    }

    @ParameterizedTest(name = "listed origin on {0}")
    @MethodSource("routes")
    void theListedOriginIsAllowed(String route) {
        Client.anyone().header("Origin", LISTED).header("Access-Control-Request-Method", "POST").options(route).then()
                .header("Access-Control-Allow-Origin", equalTo(LISTED));
    }

    static Stream<String> routes() {
        return ROUTES.stream();
    }
}
