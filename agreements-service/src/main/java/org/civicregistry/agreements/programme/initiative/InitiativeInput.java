package org.civicregistry.agreements.programme.initiative;

import java.util.List;
import java.util.UUID;

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
 * An initiative as written: inside a programme's {@code initiatives}, or alone at
 * {@code /initiatives/{number}} (where the number comes from the path and may be left out). Its
 * reports are not written here: they are appended at {@code /reports} and kept whatever else changes.
 */
@Schema(name = "InitiativeInput", description = "A numbered initiative of a programme, as written.")
public record InitiativeInput(
        @Min(value = Initiatives.MIN_NUMBER, message = "must be from 1 to 999") @Max(value = Initiatives.MAX_NUMBER, message = "must be from 1 to 999")
        @Schema(description = "Its number in the programme, unique within it. Required inside a programme; taken from the "
                + "path on /initiatives/{number}.", examples = "5") Integer number,
        @NotNull @ValidText @Schema(description = "Title by language.",
                example = "{\"ko\": \"11대 전략산업 육성\", \"en\": \"Growing eleven strategic industries\"}") LocalizedText title,
        @ValidText(required = false, max = 5000) @Schema(description = "What is promised, by language.") LocalizedText description,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "The sector, machine-readable; the sector= filter of the initiatives list.", examples = "industry") String sector,
        @Schema(description = "The organization that leads it (officials-service id); it gives no write authority: the "
                + "programme's owner does.", examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a01") UUID leadOrganizationId,
        @Schema(description = "Where it stands; planned when left out. A report sets it too.") InitiativeStatus status,
        @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100, message = "must be from 0 to 100")
        @Schema(description = "Progress in percent, 0 to 100. A report sets it too.", examples = "40") Integer progress,
        @Size(max = 50) List<@Valid @NotNull Target> targets,
        @Valid Budget budget,
        @Size(max = 50) @Schema(description = "Agreement items (in this service) it carries out.")
        List<@Valid @NotNull AgreementItemRef> agreementItems,
        @Size(max = 50) @Schema(description = "Events about it: events-service ids this service has learned (else 422).") List<@NotNull UUID> eventIds,
        @Size(max = Initiatives.MAX_SUB_ITEMS) @Schema(description = "Its numbered parts; numbers unique.")
        List<@Valid @NotNull SubItem> subItems) {
}
