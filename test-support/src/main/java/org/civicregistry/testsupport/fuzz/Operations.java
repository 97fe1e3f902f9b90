package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a service's OpenAPI document offers: its operations, with their parameters and bodies. */
final class Operations {

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    record Operation(String method, String path, List<Param> params, String bodyType, JsonNode bodySchema, JsonNode bodyExample) {

        boolean write() {
            return !method.equals("GET");
        }

        String collection() {
            int brace = path.indexOf('{');
            String prefix = brace < 0 ? path : path.substring(0, brace);
            return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    // resolving a oneOf or anyOf picks one of its choices, so reading the document draws from it too
    private final SeededRandom random;
    private final List<Operation> all = new ArrayList<>();

    Operations(JsonNode document, ApiFuzzer.Settings settings, SeededRandom random) {
        this.document = document;
        this.random = random;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!settings.paths.test(path.getKey())) {
                continue;
            }
            List<Param> shared = params(path.getValue().path("parameters"));
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null || streams(op)) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(op.path("parameters")));
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode example = null;
                JsonNode content = op.path("requestBody").path("content");
                if (content.size() > 0) {
                    bodyType = content.fieldNames().next();
                    JsonNode media = content.get(bodyType);
                    bodySchema = resolve(media.path("schema"));
                    if (media.has("example")) {
                        example = parseMaybe(media.get("example"));
                    } else if (media.path("examples").size() > 0) {
                        example = parseMaybe(media.path("examples").elements().next().path("value"));
                    }
                }
                all.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), params, bodyType, bodySchema, example));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no operations in the document of " + settings.service);
        }
    }

    List<Operation> all() {
        return all;
    }

    /** Follows {@code $ref}s, takes the first part of an {@code allOf} and one choice of a {@code oneOf} or {@code anyOf}. */
    JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        if (node.has("allOf") && node.get("allOf").size() > 0 && !node.has("properties")) {
            return resolve(node.get("allOf").get(0));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (node.has(choice) && node.get(choice).size() > 0) {
                return resolve(node.get(choice).get(random.nextInt(node.get(choice).size())));
            }
        }
        return node;
    }

    /** An example written as a JSON string is read as the JSON it holds. */
    static JsonNode parseMaybe(JsonNode example) {
        if (example.isTextual()) {
            try {
                return JSON.readTree(example.asText());
            } catch (IOException e) {
                return example;
            }
        }
        return example;
    }

    /** Server-sent event streams never end; they are exercised elsewhere. */
    private static boolean streams(JsonNode op) {
        for (JsonNode response : op.path("responses")) {
            if (response.path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    private List<Param> params(JsonNode list) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(p);
            params.add(new Param(param.path("name").asText(), param.path("in").asText(), resolve(param.path("schema")),
                    param.path("required").asBoolean(false)));
        }
        return params;
    }
}
