package org.civicregistry.agreements.item;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far the parties have got with an item of an agreement. Any status may follow any other. */
public enum ItemStatus {
    @JsonProperty("planned")
    PLANNED,
    @JsonProperty("in_progress")
    IN_PROGRESS,
    @JsonProperty("done")
    DONE,
    @JsonProperty("dropped")
    DROPPED
}
