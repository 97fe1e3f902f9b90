package org.civicregistry.officials.membership;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a membership ended. */
public enum EndReason {
    @JsonProperty("term_ended")
    TERM_ENDED,
    @JsonProperty("resigned")
    RESIGNED,
    @JsonProperty("removed")
    REMOVED,
    @JsonProperty("died")
    DIED,
    @JsonProperty("appointed_elsewhere")
    APPOINTED_ELSEWHERE,
    @JsonProperty("organization_dissolved")
    ORGANIZATION_DISSOLVED,
    @JsonProperty("other")
    OTHER
}
