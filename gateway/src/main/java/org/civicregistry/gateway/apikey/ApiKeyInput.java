package org.civicregistry.gateway.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiKeyInput", description = "An integrator to issue a key to.")
public record ApiKeyInput(
        @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE)
        @Schema(description = "Who holds the key.", examples = "Gyeonggi open data portal") String owner,
        @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE)
        @Schema(description = "Whom to tell about the key (an e-mail address, a team).", examples = "opendata@gg.go.kr") String contact,
        @NotNull @Pattern(regexp = "standard|partner", message = "must be standard or partner")
        @Schema(description = "The key's quotas: standard or partner (see the RateLimit-Policy header).", examples = "standard") String tier) {

    // PostgreSQL refuses a NUL in text, and no owner or contact needs a control character
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String CONTROL_MESSAGE = "must not contain control characters";
}
