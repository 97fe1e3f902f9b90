package org.civicregistry.gateway.webhook;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.ValidUrl;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookInput", description = "A receiver of the change streams.")
public record WebhookInput(
        @NotNull @ValidUrl @Schema(description = "Where deliveries are POSTed.", examples = "https://www.gwangju.go.kr/hooks/civic") URI url,
        @Size(max = 10) @Schema(description = "Topics to deliver; empty for all.", examples = "[\"civic.events.v1\"]") List<@NotNull String> topics,
        @Size(max = 50) @Schema(description = "Event types to deliver (a trailing * matches a prefix); empty for all.",
                examples = "[\"civic.event.*\"]") List<@NotNull String> types,
        @Size(min = 16, max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces")
        @Schema(description = "HMAC key for the signatures; generated when absent. Returned only once, on creation.") String secret,
        @Size(max = 500) @Schema(description = "What this receiver is for.", examples = "Gwangju city website: event calendar") String description) {
}
