package org.civicregistry.gateway;

import java.util.List;

import org.civicregistry.testsupport.Contract;

/**
 * The gateway's exchanges checked against the document it publishes ({@code /openapi}): its own
 * operations (webhooks, the stream, the documents) with the headers and errors it adds to every
 * answer. The services' routes are exempt here: behind them in these tests stand stand-in
 * upstreams, not the services their part of the document describes (the end-to-end suite runs
 * the real ones). So are static files and Swagger UI, which are not API operations.
 */
public class GatewayContract extends Contract.Extension {

    /** The path prefixes application.properties routes to the services. */
    static final List<String> PROXIED = List.of("/api/v1/people", "/api/v1/organizations", "/api/v1/posts", "/api/v1/memberships",
            "/api/v1/agreements", "/api/v1/programmes", "/api/v1/events");

    public GatewayContract() {
        super("/openapi?format=json", GatewayContract::exempt);
    }

    static boolean exempt(String path) {
        return PROXIED.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))
                || !(path.startsWith("/api/") || path.equals("/openapi") || path.equals("/asyncapi"));
    }
}
