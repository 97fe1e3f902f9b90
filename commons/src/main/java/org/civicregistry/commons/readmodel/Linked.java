package org.civicregistry.commons.readmodel;

import java.util.UUID;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A record another service owns, as this one knows it from that service's stream: what a collection
 * read embeds on {@code include=} so a client needs no second request for the names it shows: its id,
 * slug and name (a post's label). No schema annotation of its own, which would list it, unused, in the
 * documents of the services and the gateway that embed none.
 */
public record Linked(
        @Schema(description = "The record's id; the whole record is at its own collection.") UUID id,
        @Schema(examples = "gwangju") String slug,
        @Schema(description = "Its name (a post's label), as last published.") LocalizedText name) implements Localizable<Linked> {

    @Override
    public Linked in(String language) {
        return language == null || name == null ? this : new Linked(id, slug, name.in(language));
    }
}
