package org.civicregistry.agreements.item;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An item as written: inside an agreement's {@code items}, or alone at {@code /items/{number}}
 * (where the number comes from the path and may be left out of the body).
 */
@Schema(name = "ItemInput", description = "A numbered item of an agreement, as written.")
public record ItemInput(
        @Min(value = Items.MIN_NUMBER, message = "must be from 1 to 999") @Max(value = Items.MAX_NUMBER, message = "must be from 1 to 999")
        @Schema(description = "The item's number in the agreement, unique within it. Required inside an agreement; "
                + "taken from the path on /items/{number}.", examples = "1") Integer number,
        @NotNull @ValidText @Schema(description = "Title by language.",
                example = "{\"ko\": \"AI 산업 생태계 활성화\", \"en\": \"Activating the AI industry ecosystem\"}") LocalizedText title,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "The sector, machine-readable; the sector= filter of the agreements list.", examples = "ai_industry") String sector,
        @ValidText(required = false, max = 5000) @Schema(description = "What the parties agreed on this item, by language.") LocalizedText description,
        @Schema(description = "planned (default), in_progress, done or dropped.") ItemStatus status,
        @Size(max = 50) List<@Valid @NotNull Milestone> milestones) {
}
