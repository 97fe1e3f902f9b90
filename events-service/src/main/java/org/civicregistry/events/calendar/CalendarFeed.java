package org.civicregistry.events.calendar;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.http.Enums;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.events.common.EventsConfig;
import org.civicregistry.events.event.Event;
import org.civicregistry.events.event.EventService;
import org.civicregistry.events.event.EventStatus;
import org.civicregistry.events.event.Participant;
import org.civicregistry.events.event.ParticipantRole;
import org.civicregistry.events.readmodel.KnownRecord;
import org.civicregistry.events.readmodel.References;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Language;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableClazz;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Renders events as an iCalendar object (RFC 5545) with ical4j, in one language. The output is a
 * function of the events, the names of what they reference, the language and the base address only:
 * DTSTAMP is the event's last change (a calendar without METHOD, RFC 5545 §3.8.7.2), so the same
 * events give the same bytes and the feed's ETag (a hash of them) changes only when the feed does.
 */
@ApplicationScoped
public class CalendarFeed {

    public static final String MEDIA_TYPE = "text/calendar";
    static final String PRODID = "-//Civic Registry//events-service//EN";
    /** RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets. */
    private static final int MAX_LINE_OCTETS = 75;

    private final CalendarZones zones;
    private final References references;
    private final EventsConfig config;

    public CalendarFeed(CalendarZones zones, References references, EventsConfig config) {
        this.zones = zones;
        this.references = references;
        this.config = config;
    }

    /** One rendered feed with its entity tag. */
    public record Rendered(String body, String etag) {
    }

    public Rendered render(List<Event> events, String language, URI baseUri, String calendarName) {
        Set<UUID> organizers = new HashSet<>();
        Set<UUID> people = new HashSet<>();
        for (Event event : events) {
            organizers.add(event.organizerId);
            event.participants.forEach(p -> people.add(p.personId()));
        }
        Map<UUID, LocalizedText> organizationNames = references.names(KnownRecord.ORGANIZATION, organizers);
        Map<UUID, LocalizedText> personNames = references.names(KnownRecord.PERSON, people);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Name(calendarName));
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), config.feed().refreshInterval()));
        calendar.add(new XProperty("X-PUBLISHED-TTL", config.feed().refreshInterval().toString()));
        // One VTIMEZONE per zone in use, in a stable order; all-day events float and need none.
        Set<String> zonesInUse = new TreeSet<>();
        events.stream().filter(e -> !e.allDay).forEach(e -> zonesInUse.add(e.timeZone));
        zonesInUse.forEach(zone -> zones.vtimezone(zone).ifPresent(calendar::add));
        for (Event event : events) {
            calendar.add(vevent(event, language, baseUri, organizationNames, personNames));
        }
        String body = fold(calendar.toString());
        return new Rendered(body, hash(body));
    }

    private VEvent vevent(Event event, String language, URI baseUri, Map<UUID, LocalizedText> organizationNames,
            Map<UUID, LocalizedText> personNames) {
        ZoneId zone = ZoneId.of(event.timeZone);
        VEvent vevent = new VEvent(false);
        vevent.add(new Uid(EventService.icalUid(event.id)));
        vevent.add(new DtStamp(event.updatedAt.toInstant()));
        if (event.allDay) {
            LocalDate first = event.startsAt.atZone(zone).toLocalDate();
            LocalDate after = event.endsAt == null ? first.plusDays(1) : event.endsAt.atZone(zone).toLocalDate();
            vevent.add(new DtStart<>(first));
            vevent.add(new DtEnd<>(after));
        } else if (zones.supports(event.timeZone)) {
            vevent.add(new DtStart<>(event.startsAt.atZone(zone)));
            if (event.endsAt != null) {
                vevent.add(new DtEnd<>(event.endsAt.atZone(zone)));
            }
        } else {
            // not reachable for events written through the API (their zone is checked); UTC is never wrong
            vevent.add(new DtStart<>(event.startsAt));
            if (event.endsAt != null) {
                vevent.add(new DtEnd<>(event.endsAt));
            }
        }
        LocalizedText title = event.title.in(language);
        String titleLanguage = title.values().keySet().iterator().next();
        String summary = title.values().get(titleLanguage);
        if (event.eventStatus == EventStatus.POSTPONED) {
            summary = ("ko".equals(language) ? "[연기] " : "[Postponed] ") + summary;
        }
        vevent.add(new Summary(new ParameterList(List.of(new Language(titleLanguage))), summary));
        vevent.add(new Sequence(event.sequence));
        vevent.add(status(event.eventStatus));
        vevent.add(new Created(event.createdAt.toInstant()));
        vevent.add(new LastModified(event.updatedAt.toInstant()));
        if (event.location != null) {
            vevent.add(new Location(event.location.in(language).oneLine()));
            if (event.location.lat() != null && event.location.lon() != null) {
                vevent.add(new Geo(event.location.lat(), event.location.lon()));
            }
        }
        String description = description(event, language, organizationNames, personNames);
        if (!description.isEmpty()) {
            vevent.add(new Description(description));
        }
        vevent.add(ImmutableClazz.PUBLIC);
        vevent.add(new Categories(Enums.wire(event.type)));
        vevent.add(new Url(baseUri.resolve("api/v1/events/" + event.id)));
        return vevent;
    }

    /** TENTATIVE until an event is confirmed or held; CANCELLED keeps it visible as cancelled in calendars. */
    static Status status(EventStatus status) {
        return switch (status) {
            case CONFIRMED, COMPLETED -> ImmutableStatus.VEVENT_CONFIRMED;
            case CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
            case SCHEDULED, POSTPONED, RESCHEDULED -> ImmutableStatus.VEVENT_TENTATIVE;
        };
    }

    private static String description(Event event, String language, Map<UUID, LocalizedText> organizationNames,
            Map<UUID, LocalizedText> personNames) {
        boolean korean = "ko".equals(language);
        List<String> parts = new ArrayList<>();
        if (event.description != null) {
            parts.add(text(event.description, language).replace("\r\n", "\n").replace('\r', '\n'));
        }
        List<String> facts = new ArrayList<>();
        LocalizedText organizer = organizationNames.get(event.organizerId);
        if (organizer != null) {
            facts.add((korean ? "주최: " : "Organizer: ") + text(organizer, language));
        }
        List<String> participants = new ArrayList<>();
        for (Participant participant : event.participants) {
            LocalizedText name = personNames.get(participant.personId());
            if (name != null) {
                participants.add(text(name, language) + " (" + role(participant.role(), korean) + ")");
            }
        }
        if (!participants.isEmpty()) {
            facts.add((korean ? "참석: " : "Participants: ") + String.join(", ", participants));
        }
        if (!facts.isEmpty()) {
            parts.add(String.join("\n", facts));
        }
        return String.join("\n\n", parts);
    }

    private static String role(ParticipantRole role, boolean korean) {
        if (!korean) {
            return Enums.wire(role);
        }
        return switch (role) {
            case HOST -> "주관";
            case SPEAKER -> "연사";
            case SIGNATORY -> "서명";
            case GUEST -> "참석";
        };
    }

    private static String text(LocalizedText text, String language) {
        return text.in(language).values().values().iterator().next();
    }

    /**
     * Folds content lines at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 sequence. ical4j's
     * own folding counts UTF-16 characters, which lets Korean lines grow past 200 octets and can split
     * a surrogate pair; this folds what ical4j serialized, unfolded, from {@link Calendar#toString()}.
     */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 40);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            int i = 0;
            while (i < line.length()) {
                int codePoint = line.codePointAt(i);
                int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
                if (octets + length > MAX_LINE_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.appendCodePoint(codePoint);
                octets += length;
                i += Character.charCount(codePoint);
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** A strong entity tag over the exact bytes of the feed. */
    static String hash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
