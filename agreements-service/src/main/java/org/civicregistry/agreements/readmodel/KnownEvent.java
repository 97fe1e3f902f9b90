package org.civicregistry.agreements.readmodel;

import org.civicregistry.commons.readmodel.KnownKind;

/** The one kind of events-service's records this service keeps ({@link EventsProjection}). */
public enum KnownEvent implements KnownKind {
    EVENT;

    @Override
    public String table() {
        return "known_event";
    }

    @Override
    public String noun() {
        return "event";
    }
}
