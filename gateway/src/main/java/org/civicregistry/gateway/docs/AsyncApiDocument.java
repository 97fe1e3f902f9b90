package org.civicregistry.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document of the change streams ({@code asyncapi.yaml}), self-contained: a
 * {@code $ref} to a classpath JSON file (officials' event schemas, which commons ships for the
 * consumers and officials' tests too) is replaced by the file, so the document served and the
 * contract tested are the same text and a client needs nothing else.
 */
@ApplicationScoped
public class AsyncApiDocument {

    private final JsonNode document;

    public AsyncApiDocument() {
        this.document = inline(read(new YAMLMapper(new YAMLFactory()), "asyncapi.yaml"));
    }

    public JsonNode document() {
        return document;
    }

    private static JsonNode inline(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (object.size() == 1 && ref != null && ref.isTextual() && !ref.asText().startsWith("#") && ref.asText().endsWith(".json")) {
                ObjectNode schema = (ObjectNode) read(new ObjectMapper(), ref.asText());
                // AsyncAPI's default schema format is a superset of draft-07, which these are written in
                schema.remove("$schema");
                return schema;
            }
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                member.setValue(inline(member.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, inline(node.get(i)));
            }
        }
        return node;
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
