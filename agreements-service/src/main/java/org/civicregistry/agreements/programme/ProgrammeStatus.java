package org.civicregistry.agreements.programme;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.civicregistry.commons.write.Lifecycle;

/**
 * The lifecycle of a programme: draft → announced → in_progress → concluded. Whether the record is
 * archived is not a step of it: that is {@code recordStatus} (docs/decisions/0001-record-status.md).
 */
public enum ProgrammeStatus implements Lifecycle<ProgrammeStatus> {
    @JsonProperty("draft")
    DRAFT,
    @JsonProperty("announced")
    ANNOUNCED,
    @JsonProperty("in_progress")
    IN_PROGRESS,
    @JsonProperty("concluded")
    CONCLUDED;

    @Override
    public List<ProgrammeStatus> next() {
        return switch (this) {
            case DRAFT -> List.of(ANNOUNCED);
            case ANNOUNCED -> List.of(IN_PROGRESS);
            case IN_PROGRESS -> List.of(CONCLUDED);
            case CONCLUDED -> List.of();
        };
    }

    /** Whether the programme has been made public (every state after draft). */
    public boolean announced() {
        return this != DRAFT;
    }
}
