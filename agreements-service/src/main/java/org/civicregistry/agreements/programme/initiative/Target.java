package org.civicregistry.agreements.programme.initiative;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A measurable target of an initiative: what, by when, and whether it was met (null while open). */
@Schema(name = "InitiativeTarget")
public record Target(
        @NotNull @ValidText(max = 1000) @Schema(description = "The target by language.",
                example = "{\"ko\": \"반도체 기업 10곳 유치\", \"en\": \"Ten chip makers attracted\"}") LocalizedText description,
        @Valid @Schema(description = "When it is due (partial dates allowed).", example = "2026") PartialDate due,
        @Schema(description = "true met, false missed, null not decided yet.") Boolean met) {

    public Target in(String language) {
        return language == null ? this : new Target(description.in(language), due, met);
    }
}
