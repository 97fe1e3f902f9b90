package org.civicregistry.commons.paging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.problem.ProblemException;

/**
 * An opaque keyset cursor: the sort key of the last item of a page, so the next page starts after
 * it with an index seek and costs the same at any depth. Encoded as base64url; a client must not
 * build one, and a cursor that does not decode is a 400, not an empty page.
 */
public final class Cursor {

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(String... keyParts) {
        String raw = VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), keyParts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static String after(UUID id) {
        return encode(id.toString());
    }

    /** @return the key parts, exactly {@code parts} of them */
    public static List<String> decode(String cursor, int parts) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> fields = Arrays.asList(raw.split(String.valueOf(SEPARATOR), -1));
            if (fields.size() != parts + 1 || !VERSION.equals(fields.get(0))) {
                throw garbage();
            }
            return fields.subList(1, fields.size());
        } catch (IllegalArgumentException e) {
            throw garbage();
        }
    }

    /** The id a single-key cursor stands after, or null when there is no cursor. */
    public static UUID decodeId(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(decode(cursor, 1).get(0));
        } catch (IllegalArgumentException e) {
            throw garbage();
        }
    }

    /** The number a single-key cursor stands after (a version, a row id), or 0 when there is no cursor. */
    public static long decodeNumber(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(decode(cursor, 1).get(0));
        } catch (NumberFormatException e) {
            throw garbage();
        }
    }

    private static ProblemException garbage() {
        return ProblemException.badParameter("cursor", "not a cursor this API issued; use nextCursor from a previous page");
    }
}
