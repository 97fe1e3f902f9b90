package org.civicregistry.testsupport.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.civicregistry.testsupport.fuzz.Operations.Operation;
import org.civicregistry.testsupport.fuzz.Operations.Param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Values the document accepts, the starting point of every request: a mutation changes one thing of
 * an otherwise valid request, so it reaches the check it aims at instead of the first one that fails.
 */
final class ValidValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiFuzzer.Settings settings;
    private final Operations operations;
    private final SeededRandom random;

    ValidValues(ApiFuzzer.Settings settings, Operations operations, SeededRandom random) {
        this.settings = settings;
        this.operations = operations;
        this.random = random;
    }

    /** A path or query parameter's value (mostly the id of an existing record in a path); none for a header. */
    String param(Operation op, Param p) {
        JsonNode schema = p.schema();
        if (p.in().equals("path")) {
            if ("uuid".equals(schema.path("format").asText()) || p.name().equals("id")) {
                List<String> ids = settings.ids.get(op.collection());
                if (ids != null && !ids.isEmpty() && random.nextInt(10) != 0) {
                    return ids.get(random.nextInt(ids.size()));
                }
                return UUID.randomUUID().toString();
            }
            if (schema.path("type").asText().equals("integer")) {
                return String.valueOf(1 + random.nextInt(3));
            }
        }
        if (p.in().equals("header")) {
            return null;
        }
        JsonNode value = value(schema, p.name(), 0);
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** A body: the documented example, a PATCH of a few fields, or one made from the schema. */
    JsonNode body(Operation op) {
        if (op.bodyExample() != null && random.nextBoolean()) {
            return uniqueSlugs(op.bodyExample().deepCopy());
        }
        if (op.method().equals("PATCH") && random.nextBoolean()) {
            ObjectNode patch = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> props = op.bodySchema().path("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> prop = props.next();
                if (random.nextInt(3) == 0) {
                    patch.set(prop.getKey(), value(operations.resolve(prop.getValue()), prop.getKey(), 1));
                }
            }
            return patch;
        }
        return value(op.bodySchema(), "body", 0);
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        schema = operations.resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        if (schema.has("example") && random.nextInt(3) > 0 && !name.equals("slug")) {
            return uniqueSlugs(Operations.parseMaybe(schema.get("example")).deepCopy());
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 5) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    if (operations.resolve(prop.getValue()).path("readOnly").asBoolean(false)) {
                        continue;
                    }
                    if (required.contains(prop.getKey()) || random.nextInt(3) > 0) {
                        object.set(prop.getKey(), value(prop.getValue(), prop.getKey(), depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && !schema.has("properties")) {
                    object.set("ko", value(schema.get("additionalProperties"), "ko", depth + 1));
                    if (random.nextBoolean()) {
                        object.set("en", value(schema.get("additionalProperties"), "en", depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = depth > 4 ? 0 : 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    array.add(value(schema.path("items"), name, depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 50);
                return NODES.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                if (format.equals("uuid") || name.endsWith("Id") || name.equals("id")) {
                    if (!settings.references.isEmpty() && random.nextInt(5) > 0) {
                        return NODES.textNode(settings.references.get(random.nextInt(settings.references.size())));
                    }
                    return NODES.textNode(UUID.randomUUID().toString());
                }
                if (name.equals("slug")) {
                    return NODES.textNode(slug());
                }
                if (format.equals("date-time")) {
                    return NODES.textNode("2023-10-" + (10 + random.nextInt(10)) + "T1" + random.nextInt(10) + ":00:00+09:00");
                }
                if (format.equals("date")) {
                    return NODES.textNode("2023-10-" + (10 + random.nextInt(10)));
                }
                if (format.equals("uri") || format.equals("url") || name.toLowerCase(Locale.ROOT).contains("url")) {
                    return NODES.textNode("https://www.gwangju.go.kr/fuzz/" + random.nextInt(1000));
                }
                return NODES.textNode(random.pick("광주광역시", "경기도", "Gwangju", "상생발전 합의문", "시민 " + random.nextInt(100)));
            }
        }
    }

    /** Gives every slug in {@code node} a fresh value, so a copied example is not refused as a duplicate. */
    JsonNode uniqueSlugs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> slugs = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("slug") && field.getValue().isTextual()) {
                    slugs.add(field.getKey());
                } else {
                    uniqueSlugs(field.getValue());
                }
            }
            slugs.forEach(s -> object.put(s, slug()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::uniqueSlugs);
        }
        return node;
    }

    private String slug() {
        return "fuzz-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }
}
