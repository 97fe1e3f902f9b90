package org.civicregistry.commons.paging;

import org.civicregistry.commons.problem.ProblemException;

/** {@code limit}, {@code cursor} and {@code count} of a collection request, checked. */
public record PageRequest(int limit, String cursor, Count count) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        return of(limit, cursor, null);
    }

    public static PageRequest of(String limit, String cursor, String count) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.badParameter("limit", "must be from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : cursor.strip(), Count.of(count));
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
