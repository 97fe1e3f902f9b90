package org.civicregistry.agreements.programme.initiative;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A dated progress report on an initiative, as appended and as kept: reports are never edited or
 * removed, so the record says what was reported when, and the newest one is the initiative's state.
 */
@Schema(name = "InitiativeReport")
public record Report(
        @NotNull @Schema(description = "The day the report speaks of (YYYY-MM-DD); not in the future, not before the newest "
                + "report so far.", examples = "2024-06-30") LocalDate on,
        @NotNull @Schema(description = "The initiative's status as of that day; it becomes the initiative's status.") InitiativeStatus status,
        @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100, message = "must be from 0 to 100")
        @Schema(description = "Progress in percent as of that day; it becomes the initiative's progress. Left out, the "
                + "progress stays.", examples = "60") Integer progress,
        @ValidText(required = false, max = 5000) @Schema(description = "What the report says, by language.",
                example = "{\"ko\": \"부지 확보 완료\", \"en\": \"Site secured\"}") LocalizedText note,
        @Size(max = 20) @Schema(description = "Where it was reported.") List<@Valid @NotNull SourceRef> sources) {

    public Report in(String language) {
        return language == null || note == null ? this : new Report(on, status, progress, note.in(language), sources);
    }
}
