package org.civicregistry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Compares a published OpenAPI document with the copy committed next to the tests, so a refactoring
 * of annotations or filters cannot change the document unnoticed. The documents are compared as JSON
 * trees (key order does not count). A deliberate change is recorded by running the test with
 * {@code -Dcivic.openapi.update-golden=true}, which writes the document as served, and committing the
 * file with the change.
 */
public final class OpenApiGolden {

    /** Set to true to write the golden copy instead of comparing with it. */
    public static final String UPDATE = "civic.openapi.update-golden";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final int MAX_REPORTED = 40;

    private OpenApiGolden() {
    }

    /** Checks the service's own document, {@code /q/openapi}, against {@code src/test/resources/openapi-golden.json}. */
    public static void checkServed() {
        String document = io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        check(document, Path.of("src/test/resources/openapi-golden.json"));
    }

    /** Checks {@code document} against {@code golden} (relative to the module), or writes it there when updating. */
    public static void check(String document, Path golden) {
        try {
            JsonNode actual = JSON.readTree(document);
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(golden.toAbsolutePath().getParent());
                // keys sorted, so the diff of a deliberate change shows only what changed
                Object sorted = JSON.treeToValue(actual, Object.class);
                Files.writeString(golden, JSON.writeValueAsString(sorted) + "\n");
                return;
            }
            if (!Files.exists(golden)) {
                throw new AssertionError("No golden copy at " + golden + ": run with -D" + UPDATE + "=true to write it");
            }
            JsonNode expected = JSON.readTree(golden.toFile());
            if (!expected.equals(actual)) {
                List<String> differences = new ArrayList<>();
                diff("", expected, actual, differences);
                throw new AssertionError("The OpenAPI document differs from " + golden + " (" + differences.size()
                        + " differences; if the change is deliberate, run with -D" + UPDATE + "=true and commit the file):\n  "
                        + String.join("\n  ", differences.subList(0, Math.min(MAX_REPORTED, differences.size()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON pointers where the trees differ, with both values when short. */
    private static void diff(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    out.add("added   " + child + " = " + shorten(actual.get(name)));
                } else if (!actual.has(name)) {
                    out.add("removed " + child + " = " + shorten(expected.get(name)));
                } else {
                    diff(child, expected.get(name), actual.get(name), out);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext(); i++) {
                diff(at + "/" + i, left.next(), right.next(), out);
            }
            return;
        }
        out.add("changed " + at + ": " + shorten(expected) + " -> " + shorten(actual));
    }

    private static String shorten(JsonNode node) {
        String text = node.toString();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
