package org.civicregistry.officials.organization;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.officials.common.OtherName;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Organization")
public record OrganizationView(
        @Schema(description = "Record id (UUID v7, time-ordered).") UUID id,
        @Schema(examples = "gwangju") String slug,
        @Schema(required = true) LocalizedText name,
        @Schema(required = true) List<OtherName> otherNames,
        @Schema(required = true) Classification classification,
        UUID parentId,
        @Schema(examples = "ocd-division/country:kr/metropolitan_city:29") String divisionId,
        PartialDate foundedOn,
        PartialDate dissolvedOn,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        @Schema(required = true) RecordStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change; the ETag.", examples = "1") int version) implements Localizable<OrganizationView> {

    @Override
    public OrganizationView in(String language) {
        return language == null ? this : new OrganizationView(id, slug, name.in(language), otherNames, classification,
                parentId, divisionId, foundedOn, dissolvedOn, identifiers, sources, status, createdAt, updatedAt, version);
    }
}
