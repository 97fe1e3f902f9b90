package org.civicregistry.agreements.item;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A step of an item: what, when it is due, when it was met. Both dates must fall between the
 * signing of the agreement and the end of its effective period, and a date met cannot be in the future.
 */
@Schema(name = "Milestone")
public record Milestone(
        @NotNull @ValidText @Schema(description = "What is to be done, by language.",
                example = "{\"ko\": \"K-뷰티페스티벌 개최\", \"en\": \"K-Beauty Festival held in Gwangju\"}") LocalizedText title,
        @Valid @Schema(description = "When it is due (partial dates allowed).", example = "2024") PartialDate due,
        @Valid @Schema(description = "When it was met; absent until then.") PartialDate met) {

    public Milestone in(String language) {
        return language == null ? this : new Milestone(title.in(language), due, met);
    }
}
