package org.civicregistry.commons.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Fields every answer of a kind has, whatever the record: marked required, so they are not nullable
 * (ProblemResponses makes every other field nullable) and a generated client types them as always
 * there.
 * <ul>
 * <li>a record (a schema with all of {@link #EVERY_RECORD}): the shared write path gives each its
 * {@code id}, {@code version} and times, and its {@code identifiers} and {@code sources} as lists,
 * empty when there are none;
 * <li>a page (a schema with {@code items} and {@code nextCursor}): its {@code items}, empty past the
 * end.
 * </ul>
 * What is always there in one kind only is marked on its view, with {@code @Schema(required = true)}.
 */
final class AlwaysPresent {

    static final List<String> EVERY_RECORD = List.of("id", "version", "createdAt", "updatedAt", "identifiers", "sources");
    private static final List<String> PAGE = List.of("items", "nextCursor");

    private AlwaysPresent() {
    }

    static void require(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema schema : openAPI.getComponents().getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            if (properties.keySet().containsAll(EVERY_RECORD)) {
                require(schema, EVERY_RECORD);
            } else if (properties.keySet().containsAll(PAGE)) {
                require(schema, List.of("items"));
            }
        }
    }

    private static void require(Schema schema, List<String> fields) {
        List<String> required = schema.getRequired() == null ? new ArrayList<>() : new ArrayList<>(schema.getRequired());
        fields.stream().filter(field -> !required.contains(field)).forEach(required::add);
        schema.setRequired(required);
    }
}
