package org.civicregistry.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One generated request: what kind of bad input it carries and exactly what goes over the wire. */
record Sent(String kind, String method, String target, String contentType, byte[] body, Map<String, String> headers) {

    /** The request in a failure message, cut so that the answer's part still fits. */
    String describe() {
        String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return kind + " " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target) + " [" + contentType + "] " + headers.keySet() + " " + text.replace("\n", " ");
    }
}
