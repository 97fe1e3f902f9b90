package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.OpenApiGolden;
import org.civicregistry.testsupport.ServiceDocument;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document, health and metrics, as an integrator finds them. */
@OfficialsTest
class ServiceContractTest {

    /** The served document is the committed one: changes to it are deliberate ({@link OpenApiGolden}). */
    @Test
    void theDocumentIsTheCommittedOne() {
        OpenApiGolden.checkServed();
    }

    @Test
    void everyOperationIsDocumentedWithErrorsAndExamples() {
        JsonPath doc = ServiceDocument.served();
        assertThat(doc.getMap("paths").keySet()).contains("/api/v1/organizations", "/api/v1/organizations/{id}",
                "/api/v1/organizations/{id}/history", "/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/{id}/memberships",
                "/api/v1/posts", "/api/v1/posts/{id}", "/api/v1/memberships", "/api/v1/memberships/{id}");
        ServiceDocument.forEveryOperation(doc, op -> {
            if (op.method().equals("put") || op.method().equals("patch")) {
                assertThat(op.responses()).as(op.at()).containsKeys("412", "428");
            }
        });
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail", "violations");
        assertThat(doc.getList("components.schemas.Classification.enum", String.class))
                .contains("metropolitan_city", "task_force");
    }

    @Test
    void theExamplesOfSelfContainedRecordsWorkOnAnEmptyDatabase() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").jsonPath();
        for (String path : List.of("/api/v1/organizations", "/api/v1/people")) {
            Map<String, Map<String, Object>> examples = doc.getMap("paths.'" + path + "'.post.requestBody.content.'application/json'.examples");
            Object example = examples.values().iterator().next().get("value");
            // the examples carry a slug and identifiers, each of which names one record: fresh ones let the
            // document's own example be posted again here, whatever earlier tests (the fuzzer's) created from it
            @SuppressWarnings("unchecked")
            Map<String, Object> body = new java.util.HashMap<>((Map<String, Object>) example);
            body.put("slug", Api.unique("example"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> identifiers = (List<Map<String, Object>>) body.getOrDefault("identifiers", List.of());
            body.put("identifiers", identifiers.stream().map(i -> Map.of("scheme", i.get("scheme"),
                    "identifier", Api.unique(String.valueOf(i.get("identifier"))))).toList());
            Api.admin().body(body).post(path).then().statusCode(201);
        }
    }

    /** Every exchange of these tests is checked against the document: an undocumented one fails the test. */
    @Test
    void theContractIsCheckedOnEveryExchange() {
        assertThat(RestAssured.filters()).contains(Contract.filter());
        assertThatThrownBy(() -> given().get("/api/v1/not-in-the-document")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("No API path found");
        // nor may a test use a method the path does not have
        assertThatThrownBy(() -> given().put("/api/v1/organizations")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("PUT operation not allowed");
    }

    @Test
    void healthShowsDatabaseAndOutboxAndMetricsArePublished() {
        ServiceDocument.assertHealthAndMetrics("civic.officials.v1", List.of("outbox"));
    }
}
