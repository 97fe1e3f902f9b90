package org.civicregistry.agreements.agreement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.agreements.item.Item;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agreement as the API shows it and as its events carry it (the snapshot). */
@Schema(name = "Agreement")
public record AgreementView(
        @Schema(description = "Record id (UUID v7, time-ordered).") UUID id,
        @Schema(examples = "gyeonggi-gwangju-mutual-development-2023") String slug,
        @Schema(required = true) LocalizedText title,
        LocalizedText summary,
        AgreementKind kind,
        @Schema(required = true, description = "draft, signed, in_force, expired, terminated; archived once DELETEd.") AgreementStatus status,
        PartialDate signedOn,
        Place place,
        PartialDate effectiveFrom,
        PartialDate effectiveUntil,
        @Schema(required = true) List<Party> parties,
        @Schema(required = true) List<Item> items,
        List<SourceRef> documents,
        UUID amendsId,
        UUID supersedesId,
        UUID signingEventId,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change, items' included; the ETag.", examples = "1") int version)
        implements Localizable<AgreementView> {

    @Override
    public AgreementView in(String language) {
        return language == null ? this : new AgreementView(id, slug, title.in(language),
                summary == null ? null : summary.in(language), kind, status, signedOn,
                place == null ? null : place.in(language), effectiveFrom, effectiveUntil, parties,
                items.stream().map(i -> i.in(language)).toList(), documents, amendsId, supersedesId, signingEventId,
                identifiers, sources, createdAt, updatedAt, version);
    }
}
