package org.civicregistry.commons.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;

/**
 * ETags are the record's version ({@code "3"}); a single-language view gets its own tag
 * ({@code "3-ko"}) since its body differs, and so does another representation ({@code "3-ld"}). Writes must send {@code If-Match} with the version they
 * read: missing is 428, stale is 412, so an update can never silently overwrite another.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    public static EntityTag etag(int version, String language) {
        return language == null ? etag(version) : new EntityTag(version + "-" + language);
    }

    /** Another representation of the same version (JSON-LD: {@code "3-ld"}, {@code "3-ko-ld"}). */
    public static EntityTag etag(int version, String language, String representation) {
        return new EntityTag(etag(version, language).getValue() + "-" + representation);
    }

    /** Checks {@code If-Match} against the current version before a write. */
    public static void requireMatch(HttpHeaders headers, int currentVersion) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you read (current version: \"" + currentVersion + "\").");
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            int dash = tag.indexOf('-');
            String version = dash > 0 ? tag.substring(0, dash) : tag;
            if (version.equals(Integer.toString(currentVersion))) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The record has changed since you read it: its current ETag is \"" + currentVersion
                        + "\". Read it again and re-apply your change.");
    }
}
