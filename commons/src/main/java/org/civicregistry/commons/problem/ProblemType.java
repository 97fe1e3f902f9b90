package org.civicregistry.commons.problem;

import java.net.URI;

/**
 * The kinds of problem the API answers with; each has a stable type URI documented in docs/api-guide.md
 * and a title in English and Korean ({@link #title(String)}: the client's language, as for the data).
 */
public enum ProblemType {
    VALIDATION(400, "Invalid request", "잘못된 요청", "validation"),
    MALFORMED_BODY(400, "Malformed request body", "요청 본문을 읽을 수 없음", "malformed-body"),
    BAD_PARAMETER(400, "Invalid parameter", "잘못된 매개변수", "bad-parameter"),
    UNAUTHORIZED(401, "Authentication required", "인증 필요", "unauthorized"),
    FORBIDDEN(403, "Not allowed", "권한 없음", "forbidden"),
    NOT_FOUND(404, "Not found", "찾을 수 없음", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "허용되지 않는 메서드", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "제공할 수 없는 형식", "not-acceptable"),
    CONFLICT(409, "Conflict", "충돌", "conflict"),
    INVALID_TRANSITION(409, "Invalid state transition", "허용되지 않는 상태 변경", "invalid-transition"),
    PRECONDITION_FAILED(412, "Precondition failed", "사전 조건 실패", "precondition-failed"),
    PAYLOAD_TOO_LARGE(413, "Request body too large", "요청 본문이 너무 큼", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "지원하지 않는 미디어 형식", "unsupported-media-type"),
    UNKNOWN_REFERENCE(422, "Unknown reference", "알 수 없는 참조", "unknown-reference"),
    UNPROCESSABLE(422, "Request cannot be applied", "적용할 수 없는 요청", "unprocessable"),
    RECORD_TOO_LARGE(422, "Record too large", "기록이 너무 큼", "record-too-large"),
    PRECONDITION_REQUIRED(428, "Precondition required", "사전 조건 필요", "precondition-required"),
    TOO_MANY_REQUESTS(429, "Too many requests", "요청 한도 초과", "rate-limited"),
    INTERNAL(500, "Internal error", "내부 오류", "internal"),
    BAD_GATEWAY(502, "Upstream failed", "상위 서비스 오류", "bad-gateway"),
    UNAVAILABLE(503, "Service unavailable", "서비스 이용 불가", "unavailable"),
    GATEWAY_TIMEOUT(504, "Upstream timeout", "상위 서비스 응답 시간 초과", "upstream-timeout");

    private static final String BASE = "https://civic-registry.org/problems/";

    private final int status;
    private final String title;
    private final String titleKo;
    private final URI uri;

    ProblemType(int status, String title, String titleKo, String slug) {
        this.status = status;
        this.title = title;
        this.titleKo = titleKo;
        this.uri = URI.create(BASE + slug);
    }

    public int status() {
        return status;
    }

    /** The English title: the one the document describes, and every client's but a Korean-speaking one's. */
    public String title() {
        return title;
    }

    /** The title in {@code language} (a language tag such as {@code ko}); English for any but Korean. */
    public String title(String language) {
        return language != null && (language.equals("ko") || language.startsWith("ko-")) ? titleKo : title;
    }

    /** The type of a problem, by its URI; null for one of no type here. */
    public static ProblemType of(URI uri) {
        for (ProblemType type : values()) {
            if (type.uri.equals(uri)) {
                return type;
            }
        }
        return null;
    }

    public URI uri() {
        return uri;
    }
}
