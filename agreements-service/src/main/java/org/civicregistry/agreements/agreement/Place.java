package org.civicregistry.agreements.agreement;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an agreement was signed. */
@Schema(name = "Place")
public record Place(
        @NotNull @ValidText @Schema(description = "Name of the place by language.",
                example = "{\"ko\": \"광주광역시청\", \"en\": \"Gwangju City Hall\"}") LocalizedText name,
        @Size(max = 500) @Schema(description = "Street address, if known.") String address) {

    public Place in(String language) {
        return language == null ? this : new Place(name.in(language), address);
    }
}
