package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.OfficialsEvents;
import org.civicregistry.testsupport.TopicWriter;

/**
 * Publishes records of officials-service and agreements-service on their topics exactly as their
 * relays do (binary CloudEvents keyed by id, the full snapshot as data; officials' built from its
 * event contract by {@link OfficialsEvents}), so events-service learns them through its read models.
 * Tests then wait until the API accepts them.
 */
final class Upstream {

    static final String OFFICIALS = OfficialsEvents.TOPIC;
    static final String AGREEMENTS = "civic.agreements.v1";
    static final String OFFICIALS_SOURCE = OfficialsEvents.SOURCE;
    static final String AGREEMENTS_SOURCE = "/civic-registry/agreements";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TopicWriter writer;

    private Upstream() {
    }

    static synchronized TopicWriter writer() {
        if (writer == null) {
            writer = new TopicWriter(KafkaBroker.shared().bootstrapServers());
        }
        return writer;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    // ---- officials ------------------------------------------------------------------------

    /** A new organization (version 1); returns its id once events-service knows it. */
    static String organization(String slug, String ko, String en, String classification, String parentId) {
        String id = newId();
        organizationVersion(id, 1, "created", slug, ko, en, classification, parentId);
        awaitKnown("organization", id);
        return id;
    }

    static void organizationVersion(String id, int version, String action, String slug, String ko, String en,
            String classification, String parentId) {
        OfficialsEvents.organization(id, slug, ko, en, classification, parentId).version(version).publish(writer(), action);
    }

    /** A new person (version 1); returns the id once events-service knows it. */
    static String person(String slug, String ko, String en) {
        String id = newId();
        personVersion(id, 1, "created", slug, ko, en);
        awaitKnown("participant", id);
        return id;
    }

    static void personVersion(String id, int version, String action, String slug, String ko, String en) {
        OfficialsEvents.person(id, slug, ko, en).version(version).publish(writer(), action);
    }

    /** A new post (version 1); returns the id once events-service knows it. */
    static String post(String slug, String ko, String en, String role, String organizationId) {
        String id = newId();
        OfficialsEvents.post(id, slug, ko, en, role, organizationId).publish(writer(), "created");
        syncOfficials();
        return id;
    }

    /** Returns once every event published on the officials topic so far has been applied (one partition: order holds). */
    static void syncOfficials() {
        String marker = newId();
        personVersion(marker, 1, "created", "marker-" + marker.substring(0, 8), "표지", "Marker");
        awaitKnown("participant", marker);
    }

    // ---- agreements -----------------------------------------------------------------------

    /** A new agreement (version 1); returns the id once events-service knows it. */
    static String agreement(String slug, String ko, String en, String signedOn, String... partyOrganizationIds) {
        String id = newId();
        agreementVersion(id, 1, "created", slug, ko, en, "signed", signedOn, partyOrganizationIds);
        awaitKnown("agreement", id);
        return id;
    }

    static void agreementVersion(String id, int version, String action, String slug, String ko, String en, String status,
            String signedOn, String... partyOrganizationIds) {
        ObjectNode data = JSON.createObjectNode();
        data.put("id", id);
        data.put("slug", slug);
        data.set("title", text(ko, en));
        data.put("kind", "mutual_development_agreement");
        data.put("status", status);
        data.put("signedOn", signedOn);
        var parties = data.putArray("parties");
        for (String organization : partyOrganizationIds) {
            parties.addObject().put("organizationId", organization).put("role", "party").putObject("signatory");
        }
        data.putNull("signingEventId");
        data.put("version", version);
        writer().send(AGREEMENTS, AGREEMENTS_SOURCE, "civic.agreement." + action, id, data.toString());
    }

    // ---- waiting --------------------------------------------------------------------------

    /** Waits until a filter that needs the record (organization=, participant=, agreement=) accepts it. */
    static void awaitKnown(String filter, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().queryParam(filter, id).get("/api/v1/events").statusCode() == 200);
    }

    private static ObjectNode text(String ko, String en) {
        ObjectNode text = JSON.createObjectNode();
        if (ko != null) {
            text.put("ko", ko);
        }
        if (en != null) {
            text.put("en", en);
        }
        return text;
    }
}
