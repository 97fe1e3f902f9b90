package org.civicregistry.agreements.agreement;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.civicregistry.commons.write.Lifecycle;

/**
 * The lifecycle of an agreement: draft → signed → in_force → expired or terminated (a signed
 * agreement may also be terminated before it comes into force). {@code archived} is not a step of
 * the lifecycle: it is what DELETE makes of any agreement, as of every public record.
 */
public enum AgreementStatus implements Lifecycle<AgreementStatus> {
    @JsonProperty("draft")
    DRAFT,
    @JsonProperty("signed")
    SIGNED,
    @JsonProperty("in_force")
    IN_FORCE,
    @JsonProperty("expired")
    EXPIRED,
    @JsonProperty("terminated")
    TERMINATED,
    @JsonProperty("archived")
    ARCHIVED;

    /** The states this one may move to; empty for the final ones. */
    @Override
    public List<AgreementStatus> next() {
        return switch (this) {
            case DRAFT -> List.of(SIGNED);
            case SIGNED -> List.of(IN_FORCE, TERMINATED);
            case IN_FORCE -> List.of(EXPIRED, TERMINATED);
            case EXPIRED, TERMINATED, ARCHIVED -> List.of();
        };
    }

    /** Whether the agreement has been signed (every state after draft). */
    public boolean signed() {
        return this != DRAFT && this != ARCHIVED;
    }
}
