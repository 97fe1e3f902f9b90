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
        @Size(max = 10) @Schema(description = "Topics to deliver; empty for all.", examples = "[\"civic.events.v1\"]") List<@NotNull @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String> topics,
        @Size(max = 50) @Schema(description = "Event types to deliver (a trailing * matches a prefix); empty for all.",
                examples = "[\"civic.event.*\"]") List<@NotNull @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String> types,
        @Size(max = 100) @Pattern(regexp = "whsec_[A-Za-z0-9+/]+={0,2}", message = Webhooks.SECRET_FORMAT)
        @Schema(description = "The signing secret, Standard Webhooks style: whsec_ and the base64 of a key of 24 to 64 random bytes; "
                + "generated when absent. Returned only once, on creation.", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Size(max = 500) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) @Schema(description = "What this receiver is for.", examples = "Gwangju city website: event calendar") String description) {

    // PostgreSQL refuses a NUL in text, and no topic, type or description needs a control character
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String CONTROL_MESSAGE = "must not contain control characters";
}
