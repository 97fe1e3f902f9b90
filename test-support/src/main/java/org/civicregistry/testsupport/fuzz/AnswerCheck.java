package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.civicregistry.testsupport.Contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Judges one answer, whatever was sent: never 5xx; every 4xx a complete {@code application/problem+json}
 * without internals; no injected header line; a {@code Location} inside the service; and all of it as
 * the OpenAPI document promises.
 */
final class AnswerCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiFuzzer.Settings settings;

    AnswerCheck(ApiFuzzer.Settings settings) {
        this.settings = settings;
    }

    /** What is wrong with the answer, or null when nothing is. */
    String problem(Sent sent, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            return "status " + status + ": " + abbreviate(body);
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("set-cookie") || name.equals("x-injected")) {
                return "injected header " + header;
            }
            for (String value : header.getValue()) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    return "header " + name + " carries an injected line: " + abbreviate(value);
                }
            }
        }
        String location = response.headers().firstValue("Location").orElse(null);
        if (location != null) {
            URI uri = URI.create(location);
            if (!(uri.getPort() == settings.base.getPort() && "localhost".equals(uri.getHost())) || !uri.getPath().startsWith("/api/")) {
                return "Location points outside the service: " + location;
            }
        }
        if (status >= 400) {
            if (sent.method().equals("HEAD") || status == 414 || status == 431) {
                // HEAD has no body; 414 and 431 come from the HTTP decoder (request line over 4 KiB, headers over 8 KiB)
                // before any route runs, so they cannot be problem+json
                return null;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "status " + status + " answered as '" + type + "': " + abbreviate(body);
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(body);
            } catch (IOException e) {
                return "status " + status + " with a problem that is not JSON: " + abbreviate(body);
            }
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual() || !problem.path("detail").isTextual()
                    || problem.path("status").asInt() != status) {
                return "incomplete problem for " + status + ": " + abbreviate(body);
            }
            String detail = problem.path("detail").asText();
            if (detail.contains("Exception") || detail.contains("\tat ") || detail.contains("org.hibernate") || detail.contains("SQL")) {
                return "problem detail leaks internals: " + abbreviate(detail);
            }
        }
        if (!sent.method().equals("HEAD")) {
            // the answer, whatever was asked, is one the operation's document promises (status, headers, body)
            String base = settings.base.toString().replaceAll("/$", "");
            List<String> broken = Contract.checkResponse(base, settings.contractDocument, settings.contractExempt, sent.method(),
                    URI.create(base + sent.target()).getRawPath(), status, response.headers().map(), body);
            if (!broken.isEmpty()) {
                return "answer " + status + " breaks the OpenAPI document: " + abbreviate(String.join("; ", broken)) + " in "
                        + response.headers().map() + " " + abbreviate(body);
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
