package org.civicregistry.events.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a person does at an event. */
public enum ParticipantRole {
    @JsonProperty("host")
    HOST,
    @JsonProperty("speaker")
    SPEAKER,
    @JsonProperty("signatory")
    SIGNATORY,
    @JsonProperty("guest")
    GUEST
}
