package org.civicregistry.agreements.programme;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.agreements.programme.initiative.InitiativeInput;
import org.civicregistry.agreements.programme.initiative.Initiatives;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProgrammeInput", description = "A programme as written by POST and PUT (and patched by PATCH). The owner, "
        + "the announcer and lead organizations are officials-service ids this service has learned from civic.officials.v1.")
public record ProgrammeInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "gyeonggi-annual-plan-2024") String slug,
        @NotNull @ValidText @Schema(description = "Title by language; at least one of ko, en.") LocalizedText title,
        @ValidText(required = false, max = 5000) @Schema(description = "Summary by language.") LocalizedText summary,
        @NotNull @Schema(description = "What kind of programme.") ProgrammeKind kind,
        @Schema(description = "On POST the initial state (default draft; a past programme may be registered as announced, "
                + "in_progress or concluded). On PUT and PATCH a change is a transition: only the allowed ones, else 409 "
                + "invalid-transition; left out on PUT, the state stays. Archive with DELETE.") ProgrammeStatus status,
        @NotNull @Schema(description = "The organization whose commitments these are (a government, a committee, a task "
                + "force); its jurisdictions' editors may write the programme.", examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a01")
        UUID ownerId,
        @Valid @Schema(description = "The time it covers.") Period period,
        @Valid @Schema(description = "The day it was announced (partial dates allowed); required once announced.") PartialDate announcedOn,
        @Valid @Schema(description = "Who announced it: the person must have held the post on announcedOn.") Announcer announcedBy,
        @Schema(description = "The announcement: an event of events-service this service has learned (else 422).")
        UUID announcementEventId,
        @Size(max = Initiatives.MAX_INITIATIVES) @Schema(description = "The numbered initiatives; numbers unique. One that has "
                + "progress reports cannot be left out.") List<@Valid @NotNull InitiativeInput> initiatives,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}
