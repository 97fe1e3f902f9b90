package org.civicregistry.commons.problem;

import java.net.URI;

/** The kinds of problem the API answers with; each has a stable type URI documented in docs/api-guide.md. */
public enum ProblemType {
    VALIDATION(400, "Invalid request", "validation"),
    MALFORMED_BODY(400, "Malformed request body", "malformed-body"),
    BAD_PARAMETER(400, "Invalid parameter", "bad-parameter"),
    UNAUTHORIZED(401, "Authentication required", "unauthorized"),
    FORBIDDEN(403, "Not allowed", "forbidden"),
    NOT_FOUND(404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    CONFLICT(409, "Conflict", "conflict"),
    INVALID_TRANSITION(409, "Invalid state transition", "invalid-transition"),
    PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
    PAYLOAD_TOO_LARGE(413, "Request body too large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    UNKNOWN_REFERENCE(422, "Unknown reference", "unknown-reference"),
    UNPROCESSABLE(422, "Request cannot be applied", "unprocessable"),
    RECORD_TOO_LARGE(422, "Record too large", "record-too-large"),
    PRECONDITION_REQUIRED(428, "Precondition required", "precondition-required"),
    TOO_MANY_REQUESTS(429, "Too many requests", "rate-limited"),
    INTERNAL(500, "Internal error", "internal"),
    BAD_GATEWAY(502, "Upstream failed", "bad-gateway"),
    UNAVAILABLE(503, "Service unavailable", "unavailable"),
    GATEWAY_TIMEOUT(504, "Upstream timeout", "upstream-timeout");

    private static final String BASE = "https://civic-registry.org/problems/";

    private final int status;
    private final String title;
    private final URI uri;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.uri = URI.create(BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return uri;
    }
}
