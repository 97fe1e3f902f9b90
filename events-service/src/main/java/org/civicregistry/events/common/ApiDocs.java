package org.civicregistry.events.common;

/** Texts shared by the OpenAPI annotations of the events resources. */
public final class ApiDocs {


    public static final String FROM = "Start of the time window: events not yet over at this instant (ending at or after it; "
            + "an event without an end counts at its start). An ISO 8601 date-time with offset, or a date YYYY-MM-DD "
            + "(that day's 00:00 in Asia/Seoul). from–to may span at most 366 days.";
    public static final String TO = "End of the time window (exclusive): events starting before this instant. A date-time "
            + "with offset, or a date YYYY-MM-DD (the whole day is included). Must be after from; at most 366 days after it.";
    public static final String UPCOMING = "true: only events not yet over (from = now). Not with from.";
    public static final String ORGANIZATION = "Events organized by this organization or one of its parts (walking down "
            + "parentId), by id or slug.";
    public static final String PARTICIPANT = "Events this person takes part in, by id or slug; with upcoming=true, a person's "
            + "upcoming schedule.";
    public static final String TYPE = "Kind of event.";
    public static final String STATUS = "Lifecycle status; several comma-separated, e.g. scheduled,confirmed,rescheduled.";
    public static final String AGREEMENT = "Events related to this agreement, by id or slug.";
    public static final String UPDATED_SINCE = "Only events changed at or after this instant (ISO 8601 with offset).";
    public static final String Q = "Search titles, descriptions and places in every language; partial matches, Korean "
            + "syllables included.";
    public static final String RECORD_STATUS = "active (default) or archived: archived events are listed only on request.";

    private ApiDocs() {
    }
}
