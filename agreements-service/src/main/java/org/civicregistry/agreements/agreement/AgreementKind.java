package org.civicregistry.agreements.agreement;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of agreement between governments and public bodies. */
public enum AgreementKind {
    /** 상생발전 합의문 / 상생협약: two regions agree on tasks for their mutual development. */
    @JsonProperty("mutual_development")
    MUTUAL_DEVELOPMENT,
    /** 업무협약 (MOU). */
    @JsonProperty("mou")
    MOU,
    /** 협력협약: a cooperation agreement on a field. */
    @JsonProperty("cooperation")
    COOPERATION,
    /** A joint task force set up by the parties, with its sectors as items. */
    @JsonProperty("task_force")
    TASK_FORCE,
    /** 공동선언: a joint declaration. */
    @JsonProperty("joint_declaration")
    JOINT_DECLARATION,
    /** 자매결연 / 우호협력: twinning or friendship. */
    @JsonProperty("sisterhood")
    SISTERHOOD,
    @JsonProperty("other")
    OTHER
}
