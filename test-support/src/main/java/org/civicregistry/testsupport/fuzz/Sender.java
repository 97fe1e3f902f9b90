package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Sends requests to the service one at a time over one kept-alive HTTP/1.1 connection, so the row
 * counts taken between two requests are exact.
 */
final class Sender {

    private final ApiFuzzer.Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String rateKey = UUID.randomUUID().toString();
    private int sentWithKey;

    Sender(ApiFuzzer.Settings settings) {
        this.settings = settings;
    }

    HttpResponse<byte[]> send(String method, String target, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.base.toString().replaceAll("/$", "") + target))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + settings.token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (settings.rateLimitKeyHeader != null) {
            if (++sentWithKey % 10 == 0) {
                rateKey = UUID.randomUUID().toString();
            }
            // an injected key value still gets a fresh suffix, so the limit of 30 per key is not what answers
            request.setHeader(settings.rateLimitKeyHeader, headers.getOrDefault(settings.rateLimitKeyHeader, "fuzz") + "-" + rateKey);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
