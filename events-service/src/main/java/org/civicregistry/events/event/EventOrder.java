package org.civicregistry.events.event;

import org.civicregistry.commons.problem.ProblemException;

/** The orders of the event list: by start then id, soonest first (an agenda) or latest first (recent events). */
public enum EventOrder {
    SOONEST_FIRST(">", "asc"),
    LATEST_FIRST("<", "desc");

    private final String after;
    private final String direction;

    EventOrder(String after, String direction) {
        this.after = after;
        this.direction = direction;
    }

    /** The {@code sort} parameter: absent or {@code startsAt}, or {@code -startsAt}; anything else is a 400. */
    public static EventOrder of(String sort) {
        if (sort == null || sort.isBlank() || sort.strip().equals("startsAt")) {
            return SOONEST_FIRST;
        }
        if (sort.strip().equals("-startsAt")) {
            return LATEST_FIRST;
        }
        throw ProblemException.badParameter("sort", "must be startsAt or -startsAt");
    }

    /** The condition on (starts_at, id) of the rows after a cursor's. */
    String afterCursor() {
        return "(e.starts_at, e.id) " + after + " (cast(:afterStart as timestamptz), cast(:afterId as uuid))";
    }

    String orderBy() {
        return " order by e.starts_at " + direction + ", e.id " + direction;
    }
}
