package org.civicregistry.agreements.agreement;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.agreements.item.ItemInput;
import org.civicregistry.agreements.item.Items;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AgreementInput", description = "An agreement as written by POST and PUT (and patched by PATCH). "
        + "Organizations, people and posts are officials-service ids this service has learned from civic.officials.v1.")
public record AgreementInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "gyeonggi-gwangju-mutual-development-2023") String slug,
        @NotNull @ValidText @Schema(description = "Title by language; at least one of ko, en.") LocalizedText title,
        @ValidText(required = false, max = 5000) @Schema(description = "Summary by language.") LocalizedText summary,
        @NotNull @Schema(description = "What kind of agreement.") AgreementKind kind,
        @Schema(description = "On POST the initial state (default draft; a past agreement may be registered as signed or "
                + "in_force). On PUT and PATCH a change is a transition: only the allowed ones, else 409 invalid-transition; "
                + "left out on PUT, the state stays. Archive with DELETE.") AgreementStatus status,
        @Valid @Schema(description = "The signing date (partial dates allowed); required once signed.") PartialDate signedOn,
        @Valid @Schema(description = "Where it was signed.") Place place,
        @Valid @Schema(description = "First day it applies.") PartialDate effectiveFrom,
        @Valid @Schema(description = "Last day it applies; absent when open-ended.") PartialDate effectiveUntil,
        @NotNull @Size(min = 1, max = 20) @Schema(description = "The parties (one to twenty organizations), each once.")
        List<@Valid @NotNull Party> parties,
        @Size(max = Items.MAX_ITEMS) @Schema(description = "The numbered items; numbers unique.") List<@Valid @NotNull ItemInput> items,
        @Size(max = 50) @Schema(description = "The agreement's own documents: the signed text, annexes.")
        List<@Valid @NotNull SourceRef> documents,
        @Schema(description = "The agreement this one amends (an id in this service).") UUID amendsId,
        @Schema(description = "The agreement this one replaces (an id in this service).") UUID supersedesId,
        @Schema(description = "The signing ceremony: an event of events-service this service has learned (else 422).") UUID signingEventId,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}
