package org.civicregistry.events.event;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.civicregistry.commons.write.Lifecycle;

/**
 * Where an event stands. A new event is scheduled (or confirmed; or completed, when the register
 * records the past). Cancelled and completed are final: such an event keeps its times for good.
 */
public enum EventStatus implements Lifecycle<EventStatus> {
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
    @Override
    public Set<EventStatus> next() {
        return switch (this) {
            case SCHEDULED, RESCHEDULED -> EnumSet.of(CONFIRMED, POSTPONED, RESCHEDULED, CANCELLED, COMPLETED);
            case CONFIRMED -> EnumSet.of(POSTPONED, RESCHEDULED, CANCELLED, COMPLETED);
            case POSTPONED -> EnumSet.of(RESCHEDULED, CANCELLED);
            case CANCELLED, COMPLETED -> EnumSet.noneOf(EventStatus.class);
        };
    }
}
