package org.civicregistry.events.calendar;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * The VTIMEZONE definitions of the feeds, from ical4j's bundled tz database (no network). An event's
 * zone must be one of these, so every feed can carry a correct VTIMEZONE for every TZID it uses.
 */
@ApplicationScoped
public class CalendarZones {

    private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final Map<String, Optional<VTimeZone>> definitions = new ConcurrentHashMap<>();

    /** The VTIMEZONE of an IANA zone id, if ical4j has one. */
    public Optional<VTimeZone> vtimezone(String zoneId) {
        return definitions.computeIfAbsent(zoneId, this::load);
    }

    public boolean supports(String zoneId) {
        return vtimezone(zoneId).isPresent();
    }

    private Optional<VTimeZone> load(String zoneId) {
        try {
            synchronized (registry) {
                TimeZone zone = registry.getTimeZone(zoneId);
                return zone == null ? Optional.empty() : Optional.of(zone.getVTimeZone());
            }
        } catch (RuntimeException e) {
            // ical4j answers an id it lacks with a NullPointerException from its cache
            return Optional.empty();
        }
    }
}
