package org.civicregistry.agreements.programme.initiative;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A numbered part of an initiative (initiative ⑤ and its eleven industries), written and shown alike. */
@Schema(name = "InitiativeSubItem")
public record SubItem(
        @NotNull @Min(value = Initiatives.MIN_NUMBER, message = "must be from 1 to 999")
        @Max(value = Initiatives.MAX_NUMBER, message = "must be from 1 to 999")
        @Schema(description = "Its number in the initiative, unique within it.", examples = "1") Integer number,
        @NotNull @ValidText @Schema(description = "Title by language.",
                example = "{\"ko\": \"반도체\", \"en\": \"Semiconductors\"}") LocalizedText title,
        @ValidText(required = false, max = 5000) @Schema(description = "Description by language.") LocalizedText description,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "The sector, machine-readable.", examples = "semiconductors") String sector,
        @Schema(description = "Where it stands; planned when left out.") InitiativeStatus status,
        @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100, message = "must be from 0 to 100")
        @Schema(description = "Progress in percent, 0 to 100.", examples = "40") Integer progress) {

    /** As stored: without a status, it is planned. */
    SubItem withDefaults() {
        return status == null ? new SubItem(number, title, description, sector, InitiativeStatus.PLANNED, progress) : this;
    }

    public SubItem in(String language) {
        return language == null ? this : new SubItem(number, title.in(language), description == null ? null : description.in(language),
                sector, status, progress);
    }
}
