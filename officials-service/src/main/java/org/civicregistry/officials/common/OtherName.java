package org.civicregistry.officials.common;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.PartialDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Another name of a person or organization: a romanization, a former name, an abbreviation. */
@Schema(name = "OtherName")
public record OtherName(
        @NotBlank @Size(max = 300) @Schema(description = "The name.", examples = "Kim Dong-yeon") String name,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", message = "must be a language tag such as ko or en")
        @Schema(description = "Language of the name (BCP 47).", examples = "en") String language,
        @Size(max = 300) @Schema(description = "What kind of name it is.", examples = "romanization") String note,
        @Valid @Schema(description = "Since when the name is used.") PartialDate start,
        @Valid @Schema(description = "Until when the name was used.") PartialDate end) {
}
