package org.civicregistry.launcher;

/**
 * The demo records the start-up message points at. They are slugs of the demo data files, and
 * {@code DemoLinksTest} checks that each one names a record there that has something to show.
 */
final class DemoLinks {

    /** The owner of the printed programmes link: Gwangju, whose 2020 key initiatives are loaded. */
    static final String PROGRAMME_OWNER = "gwangju";
    /** The person of the printed calendar link. */
    static final String CALENDAR_PARTICIPANT = "kim-dong-yeon";
    /** Where the printed calendar begins: Gyeonggi's governor's visit to Gwangju, 12–13 May 2023. */
    static final String CALENDAR_FROM = "2023-05-01T00:00:00+09:00";

    private DemoLinks() {
    }
}
