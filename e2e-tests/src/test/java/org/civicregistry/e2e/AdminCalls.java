package org.civicregistry.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;


/**
 * An admin's request to the gateway with a plain HTTP client, as the fault and soak tests send them
 * (outside rest-assured, so a killed service or a slow answer is seen as a client sees it).
 */
final class AdminCalls {

    private AdminCalls() {
    }

    /** Sends {@code body} (JSON; a merge patch for PATCH) with {@code ifMatch} when given, waiting 30 s at most. */
    static HttpResponse<String> send(HttpClient http, URI gateway, String method, String path, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Platform.get().adminToken());
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
