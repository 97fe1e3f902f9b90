package org.civicregistry.agreements.programme;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of programme: what sort of commitments a government has published. */
public enum ProgrammeKind {
    /** 연간 업무계획: a government's plan for a year. */
    @JsonProperty("annual_plan")
    ANNUAL_PLAN,
    /** 공약: a head of government's election pledges, followed up over the term. */
    @JsonProperty("pledges")
    PLEDGES,
    /** 정책 제안: proposals a committee or task force hands to a government. */
    @JsonProperty("policy_proposals")
    POLICY_PROPOSALS,
    /** 협력 계획: a plan of joint work, often carrying out an agreement. */
    @JsonProperty("cooperation_plan")
    COOPERATION_PLAN,
    @JsonProperty("other")
    OTHER
}
