package org.civicregistry.agreements.programme.initiative;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far an initiative has got, on the scale Korean governments report pledge implementation in
 * (공약 이행 평가), plus {@code planned} for one not started. Any status may follow any other: a
 * report states where things stand, it is not a workflow.
 */
public enum InitiativeStatus {
    @JsonProperty("planned")
    PLANNED,
    /** 완료. */
    @JsonProperty("completed")
    COMPLETED,
    /** 이행 후 계속추진: done, and carried on as ongoing work. */
    @JsonProperty("completed_continuing")
    COMPLETED_CONTINUING,
    /** 정상추진. */
    @JsonProperty("on_track")
    ON_TRACK,
    /** 일부추진. */
    @JsonProperty("partially_done")
    PARTIALLY_DONE,
    /** 보류. */
    @JsonProperty("on_hold")
    ON_HOLD,
    /** 폐기. */
    @JsonProperty("dropped")
    DROPPED
}
