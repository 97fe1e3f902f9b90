package org.civicregistry.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.civicregistry.testsupport.OpenApiGolden;
import org.civicregistry.testsupport.ServiceDocument;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** The OpenAPI document, health and metrics, as an integrator finds them. */
@EventsTest
class ServiceContractTest {

    /** The served document is the committed one: changes to it are deliberate ({@link OpenApiGolden}). */
    @Test
    void theDocumentIsTheCommittedOne() {
        OpenApiGolden.checkServed();
    }

    @Test
    void everyOperationIsDocumentedWithErrorsAndExamples() {
        JsonPath doc = ServiceDocument.served();
        assertThat(doc.getMap("paths").keySet()).contains("/api/v1/events", "/api/v1/events/{id}", "/api/v1/events/{id}/history",
                "/api/v1/events/{id}/transitions", "/api/v1/events/calendar.ics", "/api/v1/events/{id}/calendar.ics");
        ServiceDocument.forEveryOperation(doc, op -> {
            String method = op.method();
            String at = op.at();
            String base = op.base();
            Map<String, Object> responses = op.responses();
            if (method.equals("put") || method.equals("patch") || op.path().endsWith("/transitions")) {
                assertThat(responses).as(at).containsKeys("409", "412", "428");
            }
            responses.keySet().stream().filter(code -> code.compareTo("400") >= 0).forEach(code -> {
                String problem = base + ".responses.'" + code + "'.content.'application/problem+json'";
                assertThat(doc.getMap(problem)).as(at + " " + code).isNotNull();
                assertThat(doc.get(problem + ".example") != null || doc.getMap(problem + ".examples") != null)
                        .as(at + " " + code + " has an example").isTrue();
            });
            List<Map<String, Object>> parameters = doc.getList(base + ".parameters");
            if (parameters != null) {
                parameters.forEach(p -> assertThat(p.get("description")).as(at + " " + p.get("name")).isNotNull());
            }
        });

        // the feed: its media type, an example, 304, and the list's filters with examples
        String feed = "paths.'/api/v1/events/calendar.ics'.get";
        Map<String, Object> examples = doc.getMap(feed + ".responses.'200'.content.'text/calendar'.examples");
        assertThat(examples).isNotEmpty();
        assertThat(examples.values().iterator().next().toString()).contains("BEGIN:VCALENDAR", "DTSTART;TZID=Asia/Seoul",
                "UID:", "SEQUENCE:");
        assertThat(doc.getMap(feed + ".responses")).containsKeys("200", "304", "400", "500");
        List<String> names = doc.getList(feed + ".parameters.name", String.class);
        assertThat(names).contains("from", "to", "upcoming", "organization", "participant", "type", "status", "agreement",
                "updatedSince", "q", "lang");
        assertThat(doc.getString(feed + ".parameters.find { it.name == 'organization' }.example")).isEqualTo("gyeonggi");

        // the request examples say their ids stand for records of other services
        Map<String, Map<String, Object>> postExamples = doc.getMap("paths.'/api/v1/events'.post.requestBody.content.'application/json'.examples");
        assertThat(postExamples.values()).allSatisfy(e -> assertThat(e.get("description").toString()).contains("placeholders"));
        assertThat(doc.getList("components.schemas.EventStatus.enum", String.class))
                .containsExactly("scheduled", "confirmed", "postponed", "rescheduled", "cancelled", "completed");
        assertThat(doc.getList("components.schemas.EventType.enum", String.class))
                .contains("memorial_visit", "signing_ceremony", "special_lecture", "launch_ceremony", "groundbreaking");
        assertThat(doc.getMap("components.schemas.Event.properties")).containsKeys("startsAt", "timeZone", "previousStartTimes",
                "icalUid", "sequence", "participants", "location");
        assertThat(doc.getString("paths.'/api/v1/events/{id}/transitions'.post.responses.'409'.content.'application/problem+json'"
                + ".examples.'invalid transition'.value")).contains("allowed");
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail",
                "violations", "allowed");
    }

    @Test
    void healthShowsDatabaseOutboxAndReadModelsAndMetricsArePublished() {
        World.get();
        ServiceDocument.assertHealthAndMetrics("civic.events.v1", List.of("outbox", "read-models"), "civic_consumer_applied_total",
                "civic_consumer_lag");
    }
}
