package org.civicregistry.commons.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Public records are never deleted: DELETE archives them. */
public enum RecordStatus {
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("archived")
    ARCHIVED
}
