package org.civicregistry.officials.common;

/** Texts shared by the OpenAPI annotations of the officials resources. */
public final class ApiDocs {

    public static final String Q = "Search names in every language; partial matches, Korean syllables included.";
    public static final String UPDATED_SINCE = "Only records changed at or after this instant (ISO 8601 with offset).";
    public static final String STATUS = "active (default) or archived.";
    public static final String AT = "A day (YYYY-MM-DD): only what was held or existed on that day.";

    private ApiDocs() {
    }
}
