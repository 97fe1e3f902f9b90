package org.civicregistry.commons.linkeddata;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Variant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A record as JSON-LD ({@code Accept: application/ld+json}): the JSON the API answers, with the
 * register's served {@code @context} (where every field gets its term: Popolo's for people,
 * organizations, posts and memberships, schema.org's for events, agreements and programmes), an
 * {@code @id} (the record's URL) and a {@code @type}. The JSON keeps its shape, so a client reads
 * either with the same code; what changes is that the links between records (personId,
 * organizerId...) become the linked records' URLs, so they are IRIs, not bare UUIDs, and a few
 * nested objects get a type of their own (a location is a schema:Place). The field names and the
 * types here are those of {@code linked-data/civic.jsonld}; the Node tests of the widgets expand and
 * compact both with a JSON-LD processor.
 */
public final class LinkedData {

    public static final String MEDIA_TYPE = "application/ld+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);
    /** Where the gateway and every service serve the context, from their base URL. */
    public static final String CONTEXT_PATH = "api/v1/contexts/civic.jsonld";

    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, TYPE).build();

    /** The type of each collection's records, a term of the context. */
    private static final Map<String, String> TYPES = Map.of("people", "Person", "organizations", "Organization",
            "posts", "Post", "memberships", "Membership", "events", "Event", "agreements", "Agreement",
            "programmes", "Programme");

    /** Fields, at any depth, that hold the id of a record of another collection. */
    private static final Map<String, String> LINKS = Map.ofEntries(Map.entry("personId", "people"),
            Map.entry("postId", "posts"), Map.entry("organizationId", "organizations"),
            Map.entry("onBehalfOfId", "organizations"), Map.entry("parentId", "organizations"),
            Map.entry("ownerOrganizationId", "organizations"), Map.entry("leadOrganizationId", "organizations"),
            Map.entry("organizerId", "organizations"), Map.entry("ownerId", "organizations"),
            Map.entry("agreementId", "agreements"), Map.entry("amendsId", "agreements"),
            Map.entry("supersedesId", "agreements"), Map.entry("signingEventId", "events"),
            Map.entry("announcementEventId", "events"), Map.entry("eventIds", "events"));

    /** Nested objects typed in their own right: schema.org's places, and its Role for a link with a role. */
    private static final Map<String, String> NESTED = Map.of("location", "Place", "place", "Place",
            "participants", "PerformanceRole", "parties", "Role");

    private LinkedData() {
    }

    /** Whether the request's Accept prefers JSON-LD to JSON (JSON on a tie, as for {@code *}{@code /*}). */
    public static boolean requested(Request request) {
        Variant chosen = request.selectVariant(VARIANTS);
        return chosen != null && TYPE.equals(chosen.getMediaType());
    }

    /**
     * The record, given as the API's JSON, as a JSON-LD document. A view in one language keeps its
     * text as language maps of one key, so each text still says its language (the fallback one, too).
     *
     * @param base the public base URL of the request (the gateway's, through it)
     */
    public static ObjectNode describe(String collection, ObjectNode record, URI base) {
        String type = typeOf(collection);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("@context", base.resolve(CONTEXT_PATH).toString());
        document.put("@id", url(base, collection, record.path("id").asText()));
        document.put("@type", type);
        link(record, base);
        document.setAll(record);
        return document;
    }

    /** The {@code @type} of a collection's records: people are Person. */
    public static String typeOf(String collection) {
        String type = TYPES.get(collection);
        if (type == null) {
            throw new IllegalArgumentException("no linked-data type for " + collection);
        }
        return type;
    }

    private static void link(JsonNode node, URI base) {
        if (node instanceof ArrayNode array) {
            array.forEach(element -> link(element, base));
        } else if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                String collection = LINKS.get(field.getKey());
                JsonNode value = field.getValue();
                if (collection != null && value.isTextual()) {
                    field.setValue(TextNode.valueOf(url(base, collection, value.asText())));
                } else if (collection != null && value instanceof ArrayNode ids) {
                    for (int i = 0; i < ids.size(); i++) {
                        ids.set(i, TextNode.valueOf(url(base, collection, ids.get(i).asText())));
                    }
                } else {
                    String nested = NESTED.get(field.getKey());
                    if (nested != null) {
                        typed(value, nested);
                    }
                    link(value, base);
                }
            });
        }
    }

    private static void typed(JsonNode value, String type) {
        if (value instanceof ArrayNode array) {
            array.forEach(element -> typed(element, type));
        } else if (value instanceof ObjectNode object) {
            object.put("@type", type);
        }
    }

    private static String url(URI base, String collection, String id) {
        return base.resolve("api/v1/" + collection + "/" + id).toString();
    }
}
