package org.civicregistry.commons.paging;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How many records match a collection request's filters (all pages, not what is left after the
 * cursor), when the request asked with {@code count=}. (No schema description of its own: the gateway's
 * document, which has no counted collection, would then list it unused.)
 */
public record Total(
        @Schema(description = "The number of matching records, or the bound it reached.", examples = "42") long value,
        @Schema(description = "eq: value is the exact number; gte: there are at least value (count=estimated stops "
                + "counting at " + Count.BOUND + ").") TotalRelation relation) {

    /** Named for its schema, which a bare "Relation" would leave vague; unannotated, so unused it is not listed. */
    public enum TotalRelation {
        @JsonProperty("eq")
        EQUAL,
        @JsonProperty("gte")
        AT_LEAST
    }

    /** A count of {@code matched} rows that stopped at {@code bound} (or did not stop, when negative). */
    static Total of(long matched, long bound) {
        return bound >= 0 && matched > bound ? new Total(bound, TotalRelation.AT_LEAST) : new Total(matched, TotalRelation.EQUAL);
    }
}
