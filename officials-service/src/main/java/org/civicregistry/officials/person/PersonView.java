package org.civicregistry.officials.person;

import java.net.URI;
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

@Schema(name = "Person")
public record PersonView(
        @Schema(description = "Record id (UUID v7, time-ordered).") UUID id,
        @Schema(examples = "kang-ki-jung") String slug,
        @Schema(required = true) LocalizedText name,
        @Schema(required = true) List<OtherName> otherNames,
        PartialDate birthDate,
        URI image,
        @Schema(required = true) List<Contact> contacts,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        @Schema(description = "The organization whose jurisdiction owns the person; null: only admins may write it.")
        UUID ownerOrganizationId,
        @Schema(required = true) RecordStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change; the ETag.", examples = "1") int version) implements Localizable<PersonView> {

    @Override
    public PersonView in(String language) {
        return language == null ? this : new PersonView(id, slug, name.in(language), otherNames, birthDate, image,
                contacts, identifiers, sources, ownerOrganizationId, status, createdAt, updatedAt, version);
    }
}
