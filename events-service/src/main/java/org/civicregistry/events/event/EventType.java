package org.civicregistry.events.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of public event in the schedules of officials and bodies. */
public enum EventType {
    /** A visit to a memorial or cemetery, e.g. the National May 18 Democratic Cemetery. */
    @JsonProperty("memorial_visit")
    MEMORIAL_VISIT,
    /** The signing of an agreement (MOU, mutual development agreement). */
    @JsonProperty("signing_ceremony")
    SIGNING_CEREMONY,
    @JsonProperty("special_lecture")
    SPECIAL_LECTURE,
    /** A meeting with a body or with citizens, e.g. the May Mothers' Association. */
    @JsonProperty("meeting")
    MEETING,
    /** The launch (출범식) of a committee, task force or other body. */
    @JsonProperty("launch_ceremony")
    LAUNCH_CEREMONY,
    @JsonProperty("policy_presentation")
    POLICY_PRESENTATION,
    @JsonProperty("task_force_meeting")
    TASK_FORCE_MEETING,
    @JsonProperty("press_conference")
    PRESS_CONFERENCE,
    @JsonProperty("groundbreaking")
    GROUNDBREAKING,
    /** Any other ceremony: an award, an opening, the placing of a signboard. */
    @JsonProperty("ceremony")
    CEREMONY,
    @JsonProperty("other")
    OTHER
}
