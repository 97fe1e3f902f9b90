package org.civicregistry.officials.person;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A public way to reach a person's office. */
@Schema(name = "Contact")
public record Contact(
        @NotNull @Schema(description = "Kind of contact.") Type type,
        @NotBlank @Size(max = 300) @Schema(description = "The address, number or URL.", examples = "https://www.gwangju.go.kr/") String value,
        @Size(max = 200) @Schema(description = "What it is for.", examples = "Mayor's office") String label) {

    public enum Type {
        @JsonProperty("email")
        EMAIL,
        @JsonProperty("phone")
        PHONE,
        @JsonProperty("fax")
        FAX,
        @JsonProperty("url")
        URL,
        @JsonProperty("address")
        ADDRESS
    }
}
