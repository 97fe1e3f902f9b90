package org.civicregistry.gateway.stream;

import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/** CloudEvents in structured JSON mode (what SSE messages and webhook bodies carry), by the SDK. */
public final class CloudEventJson {

    private CloudEventJson() {
    }

    public static String of(CloudEvent event) {
        return new String(EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event),
                StandardCharsets.UTF_8);
    }
}
