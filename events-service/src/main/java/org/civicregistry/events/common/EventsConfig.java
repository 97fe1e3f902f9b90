package org.civicregistry.events.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of events-service ({@code civic.events.*}). */
@ConfigMapping(prefix = "civic.events")
public interface EventsConfig {

    /** The change stream of officials-service: organizations, people and posts events reference. */
    @WithDefault("civic.officials.v1")
    String officialsTopic();

    /** The change stream of agreements-service: the agreements events relate to. */
    @WithDefault("civic.agreements.v1")
    String agreementsTopic();

    /** The time zone of an event that names none (IANA). */
    @WithDefault("Asia/Seoul")
    String defaultTimeZone();

    /** The longest from–to window a list or a feed may ask for. */
    @WithDefault("P366D")
    Duration maxWindow();

    Feed feed();

    /** The iCalendar feeds. */
    interface Feed {

        /** Most events in one feed; a feed that would hold more is a 400 that asks for narrower filters. */
        @WithDefault("2000")
        int maxEvents();

        /** Without from/to, a feed starts this long before now (and spans max-window). */
        @WithDefault("P30D")
        Duration past();

        /** How often subscribed calendars should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
        @WithDefault("PT1H")
        Duration refreshInterval();

        /** Cache-Control max-age of a feed response; clients revalidate with If-None-Match after it. */
        @WithDefault("PT5M")
        Duration maxAge();
    }
}
