package org.civicregistry.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The demo data set: the data files in {@code demo/} (see {@code docs/demo-data.md} for every fact
 * and its source), written through the gateway's public API, so it is validated, recorded and
 * streamed like any other write. Idempotent: a record whose slug exists is left as it is, so a
 * second start changes nothing.
 * <p>
 * In the files, a string {@code @<collection>/<slug>} stands for the id of that record (written
 * earlier in the order of {@code manifest.json}) and {@code @source/<key>} for a source of
 * {@code sources.json}. {@code links.json} then sets the fields that point forward, such as an
 * agreement's signing event, which exists only after the agreement.
 */
final class DemoData {

    private static final String FILES = "/demo/";

    private final URI gateway;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** Ids by "collection/slug", of every record ensured so far. */
    private final Map<String, String> ids = new HashMap<>();
    private JsonNode sources;
    private int created;

    DemoData(URI gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** @return how many records were created or linked (0 on a second run) */
    int load() throws IOException, InterruptedException {
        sources = read("sources.json");
        for (JsonNode collection : read("manifest.json").path("collections")) {
            for (JsonNode record : read(collection.asText() + ".json")) {
                String slug = record.path("slug").asText();
                ids.put(collection.asText() + "/" + slug, ensure("/api/v1/" + collection.asText(), slug, resolve(record)));
            }
        }
        for (JsonNode link : read("links.json")) {
            link(link.path("record").asText(), (ObjectNode) resolve(link.path("set")));
        }
        return created;
    }

    /** The files' records as the API takes them: references replaced by ids and sources. */
    JsonNode resolve(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("@")) {
            String reference = node.asText().substring(1);
            if (reference.startsWith("source/")) {
                JsonNode source = sources.get(reference.substring("source/".length()));
                if (source == null) {
                    throw new IllegalStateException("Demo data: no source " + reference + " in sources.json");
                }
                return source;
            }
            String id = ids.get(reference);
            if (id == null) {
                throw new IllegalStateException("Demo data: " + reference + " is not written before it is referred to");
            }
            return TextNode.valueOf(id);
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    JsonNode read(String file) {
        try (InputStream in = DemoData.class.getResourceAsStream(FILES + file)) {
            if (in == null) {
                throw new IllegalStateException("Demo data: " + FILES + file + " is missing from the class path");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo data: " + file + " is not valid JSON", e);
        }
    }

    /** Sets the fields of {@code set} on the record unless it has them already: a merge patch with its ETag. */
    private void link(String reference, ObjectNode set) throws IOException, InterruptedException {
        String collection = reference.substring(1, reference.indexOf('/'));
        URI record = gateway.resolve("/api/v1/" + collection + "/" + resolve(TextNode.valueOf(reference)).asText());
        HttpResponse<String> current = send(HttpRequest.newBuilder(record).GET());
        JsonNode body = json.readTree(current.body());
        boolean same = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = set.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            same &= field.getValue().equals(body.get(field.getKey()));
        }
        if (same) {
            return;
        }
        HttpResponse<String> patched = send(HttpRequest.newBuilder(record)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/merge-patch+json")
                .header("If-Match", current.headers().firstValue("ETag").orElseThrow())
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(set))));
        if (patched.statusCode() != 200) {
            throw new IOException("Demo data: PATCH " + record + " answered " + patched.statusCode() + ": " + patched.body());
        }
        created++;
    }

    /** The id of the record with this slug, created from {@code body} if there is none. */
    private String ensure(String collection, String slug, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> found = send(HttpRequest.newBuilder(gateway.resolve(collection + "?slug="
                + URLEncoder.encode(slug, StandardCharsets.UTF_8))).GET());
        if (found.statusCode() != 200) {
            throw new IOException("Demo data: GET " + collection + "?slug=" + slug + " answered " + found.statusCode() + ": " + found.body());
        }
        for (JsonNode item : json.readTree(found.body()).path("items")) {
            if (slug.equals(item.path("slug").asText())) {
                return item.path("id").asText();
            }
        }
        HttpResponse<String> response;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            response = send(HttpRequest.newBuilder(gateway.resolve(collection))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        } while (notLearnedYet(response) && System.nanoTime() < deadline && sleep());
        if (response.statusCode() != 201) {
            throw new IOException("Demo data: POST " + collection + " (" + slug + ") answered " + response.statusCode() + ": "
                    + response.body());
        }
        created++;
        return json.readTree(response.body()).path("id").asText();
    }

    /**
     * A 422 that goes away once the service has learned the records it refers to from the change
     * streams: an unknown reference, or an office not held on the day because the membership that
     * says so has not arrived yet.
     */
    private static boolean notLearnedYet(HttpResponse<String> response) {
        return response.statusCode() == 422 && List.of("/problems/unknown-reference", "according to the memberships learned")
                .stream().anyMatch(response.body()::contains);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
