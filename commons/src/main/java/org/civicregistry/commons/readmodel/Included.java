package org.civicregistry.commons.readmodel;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The linked records a page embeds on {@code include=}, by collection; a collection nobody asked for is absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Included(
        @Schema(description = "Organizations the page's records name (include=parties, organizer).") List<Linked> organizations,
        @Schema(description = "People the page's records name (include=signatories, participants).") List<Linked> people,
        @Schema(description = "Posts the page's records name (include=signatories, participants).") List<Linked> posts) {

    public Included in(String language) {
        return new Included(in(organizations, language), in(people, language), in(posts, language));
    }

    private static List<Linked> in(List<Linked> linked, String language) {
        return linked == null ? null : linked.stream().map(l -> l.in(language)).toList();
    }
}
