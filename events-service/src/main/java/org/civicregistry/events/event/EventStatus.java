package org.civicregistry.events.event;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.civicregistry.commons.http.Enums;

/**
 * Where an event stands. A new event is scheduled (or confirmed; or completed, when the register
 * records the past). Cancelled and completed are final: such an event keeps its times for good.
 */
public enum EventStatus {
    @JsonProperty("scheduled")
    SCHEDULED,
    @JsonProperty("confirmed")
    CONFIRMED,
    /** Put off, with no new time yet; a reschedule gives it one. */
    @JsonProperty("postponed")
    POSTPONED,
    /** Moved to a new time; the earlier start times are kept in previousStartTimes. */
    @JsonProperty("rescheduled")
    RESCHEDULED,
    @JsonProperty("cancelled")
    CANCELLED,
    @JsonProperty("completed")
    COMPLETED;

    /** The states an event may be created in. */
    public static final Set<EventStatus> INITIAL = EnumSet.of(SCHEDULED, CONFIRMED, COMPLETED);

    /** The states this one may move to, in a stable order. */
    public Set<EventStatus> next() {
        return switch (this) {
            case SCHEDULED, RESCHEDULED -> EnumSet.of(CONFIRMED, POSTPONED, RESCHEDULED, CANCELLED, COMPLETED);
            case CONFIRMED -> EnumSet.of(POSTPONED, RESCHEDULED, CANCELLED, COMPLETED);
            case POSTPONED -> EnumSet.of(RESCHEDULED, CANCELLED);
            case CANCELLED, COMPLETED -> EnumSet.noneOf(EventStatus.class);
        };
    }

    public boolean canMoveTo(EventStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** The wire names of {@link #next()}, for the {@code allowed} member of an invalid-transition problem. */
    public List<String> allowed() {
        return next().stream().map(Enums::wire).toList();
    }

    public String wire() {
        return Enums.wire(this);
    }
}
