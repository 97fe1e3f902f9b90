package org.civicregistry.officials.common;

/** Texts shared by the OpenAPI annotations of the officials resources. */
public final class ApiDocs {

    public static final String LIMIT = "Page size, 1 to 200.";
    public static final String CURSOR = "The nextCursor of the previous page.";
    public static final String LANG = "Return a single-language view (ko or en); without it, every language in full. "
            + "Accept-Language works too.";
    public static final String Q = "Search names in every language; partial matches, Korean syllables included.";
    public static final String UPDATED_SINCE = "Only records changed at or after this instant (ISO 8601 with offset).";
    public static final String STATUS = "active (default) or archived.";
    public static final String AT = "A day (YYYY-MM-DD): only what was held or existed on that day.";
    public static final String IF_MATCH = "The ETag of the version you read, e.g. \"3\". Missing: 428; stale: 412.";
    public static final String ETAG = "The record's version, for If-Match and If-None-Match.";

    private ApiDocs() {
    }
}
