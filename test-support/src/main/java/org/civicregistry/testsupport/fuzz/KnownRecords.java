package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicregistry.testsupport.fuzz.Operations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The records requests aim at, so paths, {@code If-Match} and references point at something real:
 * a few created from the documented examples, then whatever the run creates; their ids go to the
 * settings' {@code ids} and {@code references}.
 */
final class KnownRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiFuzzer.Settings settings;
    private final Map<String, String> etags = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();

    KnownRecords(ApiFuzzer.Settings settings) {
        this.settings = settings;
    }

    /** Creates three records with every collection's documented example. */
    void seed(Operations operations, Sender sender, ValidValues values) throws Exception {
        for (Operation op : operations.all()) {
            if (!op.method().equals("POST") || op.path().contains("{") || op.bodyExample() == null) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                JsonNode body = values.uniqueSlugs(op.bodyExample().deepCopy());
                HttpResponse<byte[]> response = sender.send("POST", op.path(), op.bodyType(), JSON.writeValueAsBytes(body), Map.of());
                if (response.statusCode() == 201) {
                    String id = JSON.readTree(response.body()).path("id").asText(null);
                    if (id != null) {
                        settings.ids.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(id);
                        settings.references.add(id);
                        response.headers().firstValue("ETag").ifPresent(etag -> etags.put(id, etag));
                        response.headers().firstValue("Location").ifPresent(l -> created.add(URI.create(l).getRawPath()));
                    }
                }
            }
        }
    }

    /** Takes note of a record the answer shows: its current ETag, and where it is when the request created it. */
    void remember(Operation op, Sent sent, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300 && !sent.target().contains("lang=")) {
            try {
                JsonNode node = JSON.readTree(response.body());
                String id = node.path("id").asText(null);
                String etag = response.headers().firstValue("ETag").orElse(null);
                if (id != null && etag != null && !etag.contains("-")) {
                    etags.put(id, etag);
                }
                if (status == 201 && id != null) {
                    settings.ids.computeIfAbsent(op.collection(), k -> new ArrayList<>()).add(id);
                    response.headers().firstValue("Location").ifPresent(l -> created.add(URI.create(l).getRawPath()));
                }
            } catch (IOException | RuntimeException ignored) {
                // not a JSON record
            }
        }
    }

    /** The last ETag seen of the record with this id, or null. */
    String etag(String id) {
        return etags.get(id);
    }

    /** The paths of the records the run created, to delete at its end. */
    List<String> created() {
        return created;
    }
}
