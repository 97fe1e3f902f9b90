package org.civicregistry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * officials-service's events on civic.officials.v1, from their contract: the JSON Schema of each
 * record's snapshot, which commons ships under {@code schemas/officials/} (on the classpath of every
 * service's tests). Officials' own tests check what it publishes against them; the consumers' tests
 * publish snapshots built here, which start from every member the schema requires and are checked
 * against it before they are sent, so a fake cannot drift from what officials really publishes.
 */
public final class OfficialsEvents {

    public static final String TOPIC = "civic.officials.v1";
    public static final String SOURCE = "/civic-registry/officials";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, JsonNode> SCHEMA_DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private OfficialsEvents() {
    }

    public static Snapshot organization(String id, String slug, String ko, String en, String classification, String parentId) {
        return new Snapshot("organization", id).slug(slug).text("name", ko, en).put("classification", classification)
                .put("parentId", parentId);
    }

    public static Snapshot person(String id, String slug, String ko, String en) {
        return new Snapshot("person", id).slug(slug).text("name", ko, en);
    }

    public static Snapshot post(String id, String slug, String ko, String en, String role, String organizationId) {
        return new Snapshot("post", id).slug(slug).text("label", ko, en).put("role", role).put("organizationId", organizationId);
    }

    /** A membership; one with an end ended as terms do (term_ended) and is no longer current. */
    public static Snapshot membership(String id, String personId, String postId, String organizationId, String start, String end) {
        Snapshot membership = new Snapshot("membership", id).put("personId", personId).put("postId", postId)
                .put("organizationId", organizationId).put("start", start).put("end", end);
        membership.data.put("current", end == null);
        return end == null ? membership : membership.put("endReason", "term_ended");
    }

    /**
     * What is wrong with the data of an event of this type by its schema, plus every top-level member
     * the schema does not declare (consumers would ignore it: officials must document it first).
     *
     * @return empty when the data conforms
     */
    public static List<String> violations(String eventType, JsonNode data) {
        return violationsOf(kindOf(eventType), data);
    }

    private static List<String> violationsOf(String kind, JsonNode data) {
        List<String> problems = new ArrayList<>();
        COMPILED.computeIfAbsent(kind, k -> SCHEMAS.getSchema(schemaDocument(k)))
                .validate(data, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .forEach(error -> problems.add(error.toString()));
        JsonNode declared = schemaDocument(kind).path("properties");
        data.fieldNames().forEachRemaining(member -> {
            if (!declared.has(member)) {
                problems.add("$." + member + ": not declared in " + schemaResource(kind));
            }
        });
        return problems;
    }

    /** Fails unless the data conforms to its event type's schema. */
    public static void assertConforms(String eventType, JsonNode data) {
        List<String> problems = violations(eventType, data);
        if (!problems.isEmpty()) {
            throw new AssertionError(eventType + " breaks its contract " + problems + ": " + data);
        }
    }

    /** The JSON Schema of a record's snapshot: {@code schemas/officials/person.json}. */
    public static JsonNode schemaDocument(String kind) {
        return SCHEMA_DOCUMENTS.computeIfAbsent(kind, k -> {
            try (InputStream in = OfficialsEvents.class.getClassLoader().getResourceAsStream(schemaResource(k))) {
                if (in == null) {
                    throw new IllegalArgumentException("No schema " + schemaResource(k) + " on the classpath (commons ships them)");
                }
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String schemaResource(String kind) {
        return "schemas/officials/" + kind + ".json";
    }

    /** {@code civic.person.updated} → {@code person}. */
    private static String kindOf(String eventType) {
        String[] parts = eventType.split("\\.");
        if (parts.length < 3 || !parts[0].equals("civic")) {
            throw new IllegalArgumentException("Not an event type of officials-service: " + eventType);
        }
        return parts[1];
    }

    /**
     * One version of a record: every member its schema requires, null or empty until set, then
     * status active, version 1 and now as its times.
     */
    public static final class Snapshot {

        private final String kind;
        private final ObjectNode data = JSON.createObjectNode();

        private Snapshot(String kind, String id) {
            this.kind = kind;
            JsonNode schema = schemaDocument(kind);
            schema.path("required").forEach(member -> {
                JsonNode type = schema.path("properties").path(member.asText()).path("type");
                if (type.asText().equals("array")) {
                    data.putArray(member.asText());
                } else if (type.asText().equals("boolean")) {
                    data.put(member.asText(), false);
                } else {
                    data.putNull(member.asText());
                }
            });
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            data.put("id", id).put("status", "active").put("createdAt", now).put("updatedAt", now).put("version", 1);
        }

        public Snapshot slug(String slug) {
            return put("slug", slug);
        }

        public Snapshot version(int version) {
            data.put("version", version);
            return this;
        }

        /** {@code active} or {@code archived}. */
        public Snapshot status(String status) {
            return put("status", status);
        }

        /** Any text member; null puts JSON null. */
        public Snapshot put(String member, String value) {
            data.put(member, value);
            return this;
        }

        /** A localized text member with the languages given (null: left out). */
        public Snapshot text(String member, String ko, String en) {
            ObjectNode text = data.putObject(member);
            if (ko != null) {
                text.put("ko", ko);
            }
            if (en != null) {
                text.put("en", en);
            }
            return this;
        }

        public String kind() {
            return kind;
        }

        public String id() {
            return data.get("id").asText();
        }

        public int version() {
            return data.get("version").asInt();
        }

        /** The event's data, checked against the contract (one schema for every action of a kind). */
        public ObjectNode json() {
            List<String> problems = violationsOf(kind, data);
            if (!problems.isEmpty()) {
                throw new AssertionError("This " + kind + " snapshot breaks its contract " + problems + ": " + data);
            }
            return data.deepCopy();
        }

        /** {@code civic.<kind>.<action>}. */
        public String type(String action) {
            return "civic." + kind + "." + action;
        }

        /** Publishes it as officials-service's relay does: keyed by id, subject = id. */
        public void publish(TopicWriter writer, String action) {
            writer.send(TOPIC, SOURCE, type(action), id(), json().toString());
        }
    }
}
