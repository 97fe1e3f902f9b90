package org.civicregistry.events.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.civicregistry.commons.record.RecordEntity;
import org.civicregistry.commons.text.LocalizedText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A scheduled public event. Times are instants (stored UTC) plus the IANA time zone the event is
 * held in; the API shows them with that zone's offset. {@code status} (inherited) is the record's
 * active/archived state; {@link #eventStatus} is the event's lifecycle.
 */
@Entity
@Table(name = "event")
public class Event extends RecordEntity {

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText title;

    @JdbcTypeCode(SqlTypes.JSON)
    public LocalizedText description;

    @Enumerated(EnumType.STRING)
    public EventType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_status")
    public EventStatus eventStatus;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** {@link #endsAt}, or {@link #startsAt} without an end: when the event is over, for time windows. */
    @Column(name = "last_at")
    public Instant lastAt;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "all_day")
    public boolean allDay;

    @JdbcTypeCode(SqlTypes.JSON)
    public Location location;

    @Column(name = "organizer_id")
    public UUID organizerId;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Participant> participants = new ArrayList<>();

    @Column(name = "agreement_id")
    public UUID agreementId;

    /** Every earlier start (ISO 8601 instants), oldest first: one per reschedule. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "previous_start_times")
    public List<String> previousStartTimes = new ArrayList<>();

    /** The iCalendar SEQUENCE: bumped by every change a calendar user must notice (time, place, status). */
    @Column(name = "ical_sequence")
    public int sequence;

    @Override
    protected String computeSearchText() {
        StringBuilder text = new StringBuilder(title.searchText());
        if (description != null) {
            text.append('\n').append(description.searchText());
        }
        if (location != null) {
            text.append('\n').append(location.searchText());
        }
        if (slug != null) {
            text.append('\n').append(slug);
        }
        return text.toString();
    }
}
