package org.civicregistry.commons.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes the document's patterns in ECMA-262, which JSON Schema validators and generated clients
 * compile (with the {@code u} flag), while {@code @Pattern} keeps its Java regex. Java's ASCII-only
 * classes are spelled out, so both refuse exactly the same strings: {@code \p{Cntrl}} (which ECMA
 * cannot compile) as {@code \x00-\x1F\x7F}, and {@code \s} / {@code \S} (which ECMA widens to
 * Unicode's spaces) as Java's six whitespace characters.
 */
final class EcmaPatterns {

    private static final String CONTROL = "\\x00-\\x1F\\x7F";
    private static final String SPACE = "\\t\\n\\x0B\\f\\r ";

    private EcmaPatterns() {
    }

    static void rewrite(OpenAPI openAPI) {
        List<Schema> schemas = new ArrayList<>();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            schemas.addAll(openAPI.getComponents().getSchemas().values());
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> schemas.add(parameter.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    add(operation.getRequestBody().getContent(), schemas);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(response -> add(response.getContent(), schemas));
                }
            }));
        }
        schemas.forEach(EcmaPatterns::rewrite);
    }

    private static void add(Content content, List<Schema> schemas) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> schemas.add(media.getSchema()));
        }
    }

    private static void rewrite(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getPattern() != null) {
            schema.setPattern(ecma(schema.getPattern()));
        }
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        children.add(schema.getItems());
        children.add(schema.getNot());
        children.add(schema.getAdditionalPropertiesSchema());
        for (List<Schema> list : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()),
                nonNull(schema.getPrefixItems()))) {
            children.addAll(list);
        }
        Map<String, Schema> patternProperties = schema.getPatternProperties();
        if (patternProperties != null) {
            children.addAll(patternProperties.values());
        }
        children.forEach(EcmaPatterns::rewrite);
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /** {@code [^\s\p{Cntrl}]+}: {@code [^\t\n\x0B\f\r \x00-\x1F\x7F]+}. */
    static String ecma(String java) {
        StringBuilder out = new StringBuilder();
        int inClass = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '\\' && i + 1 < java.length()) {
                char next = java.charAt(i + 1);
                if (java.startsWith("p{Cntrl}", i + 1)) {
                    out.append(inClass > 0 ? CONTROL : "[" + CONTROL + "]");
                    i += "p{Cntrl}".length();
                } else if (next == 's') {
                    out.append(inClass > 0 ? SPACE : "[" + SPACE + "]");
                    i++;
                } else if (next == 'S' && inClass == 0) {
                    out.append("[^").append(SPACE).append(']');
                    i++;
                } else {
                    out.append(c).append(next);
                    i++;
                }
            } else {
                if (c == '[') {
                    inClass++;
                } else if (c == ']' && inClass > 0) {
                    inClass--;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
