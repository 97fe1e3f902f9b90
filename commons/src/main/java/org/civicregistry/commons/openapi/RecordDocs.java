package org.civicregistry.commons.openapi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one collection's inherited record routes ({@code commons.write.RecordResource}) say of their
 * own in the OpenAPI document: who may replace a record, examples of a merge patch, and, where a
 * collection has more to say than the common wording, its own descriptions and 409 answer. Each
 * resource declares one next to its routes; the service's filter hands them to {@link ApiConventions},
 * which writes the rest (summaries with the collection's noun, the record's schema, the create
 * examples for PUT).
 *
 * @param collection the resource's path, {@code /api/v1/posts}
 * @param replace who may replace a record, after "Needs If-Match with the current ETag."
 * @param patchExamples merge patches shown for PATCH
 * @param descriptions descriptions of its own, in place of the common ones
 * @param conflict a 409 of its own for PUT and PATCH, or null for the common one
 */
public record RecordDocs(String collection, String replace, List<Example> patchExamples, Map<Route, String> descriptions,
        Conflict conflict) {

    /** The inherited routes whose description a collection may word itself. */
    public enum Route {
        GET, HISTORY, PATCH, ARCHIVE
    }

    /** A named example body (JSON). */
    public record Example(String name, String value) {
    }

    /**
     * A 409 answer of a collection's own.
     *
     * @param description when it is given
     * @param example a problem it answers, named {@code example.name}
     */
    public record Conflict(String description, Example example) {
    }

    public RecordDocs {
        patchExamples = List.copyOf(patchExamples);
        descriptions = Map.copyOf(descriptions);
    }

    public static RecordDocs of(String collection, String replace) {
        return new RecordDocs(collection, replace, List.of(), Map.of(), null);
    }

    /** Adds a merge patch example, shown in the order added. */
    public RecordDocs patchExample(String name, String value) {
        List<Example> examples = new ArrayList<>(patchExamples);
        examples.add(new Example(name, value));
        return new RecordDocs(collection, replace, examples, descriptions, conflict);
    }

    public RecordDocs describing(Route route, String description) {
        Map<Route, String> own = new EnumMap<>(Route.class);
        own.putAll(descriptions);
        own.put(route, description);
        return new RecordDocs(collection, replace, patchExamples, own, conflict);
    }

    /** A 409 answer of PUT and PATCH: when it is given, and an example problem. */
    public RecordDocs withConflict(String description, String exampleName, String example) {
        return new RecordDocs(collection, replace, patchExamples, descriptions,
                new Conflict(description, new Example(exampleName, example)));
    }
}
