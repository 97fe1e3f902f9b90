package org.civicregistry.gateway.routing;

import java.time.Duration;

/**
 * One rate-limit policy: {@code limit} requests per {@code window}, refilled smoothly. Its name is
 * the policy's name in the {@code RateLimit-Policy} and {@code RateLimit} header fields.
 */
public record Quota(String name, long limit, Duration window) {

    /** As in {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): {@code "minute";q=600;w=60}. */
    String policy() {
        return "\"" + name + "\";q=" + limit + ";w=" + window.toSeconds();
    }
}
