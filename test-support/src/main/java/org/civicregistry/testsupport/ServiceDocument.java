package org.civicregistry.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.restassured.path.json.JsonPath;

/**
 * What every service's {@code ServiceContractTest} holds its OpenAPI document, health and metrics
 * to; each adds what is its own (its paths, enums, preconditions) through {@link #forEveryOperation}.
 */
public final class ServiceDocument {

    private ServiceDocument() {
    }

    /** One operation of the document: {@code at} names it in messages, {@code base} is its JSON path. */
    public record Operation(JsonPath doc, String path, String method, String at, String base, Map<String, Object> responses) {
    }

    /** The document the app under test serves at {@code /q/openapi}, as JSON. */
    public static JsonPath served() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /**
     * Asserts of every operation that it has a summary and documents a 500; that a write is secured and
     * documents 400, 401 and 403; that a restore (which sends no body) documents 412 and 428, and
     * that any other POST or PUT has request examples. Then hands the operation to {@code more}.
     */
    public static void forEveryOperation(JsonPath doc, Consumer<Operation> more) {
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String at = method + " " + path;
            String base = "paths.'" + path + "'." + method;
            assertThat(doc.getString(base + ".summary")).as(at).isNotBlank();
            Map<String, Object> responses = doc.getMap(base + ".responses");
            assertThat(responses).as(at).containsKey("500");
            if (!method.equals("get")) {
                assertThat(responses).as(at).containsKeys("401", "403", "400");
                assertThat(doc.getList(base + ".security")).as(at).isNotEmpty();
            }
            if (path.endsWith("/restore")) {
                // a restore sends no body: the path and If-Match say it all
                assertThat(responses).as(at).containsKeys("412", "428");
            } else if (method.equals("post") || method.equals("put")) {
                assertThat(doc.getMap(base + ".requestBody.content.'application/json'.examples")).as(at).isNotEmpty();
            }
            more.accept(new Operation(doc, path, method, at, base, responses));
        }));
    }

    /**
     * Readiness is "can serve requests": the database, never the broker, whose outbox check (on
     * {@code topic}) and {@code streamChecks} form the stream group; the outbox's metrics and
     * {@code moreMetrics} are published.
     */
    public static void assertHealthAndMetrics(String topic, List<String> streamChecks, String... moreMetrics) {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check"))
                .body("checks.name", not(hasItems("outbox")));
        given().get("/q/health/group/stream").then().statusCode(200)
                .body("checks.name", hasItems(streamChecks.toArray(new String[0])))
                .body("checks.find { it.name == 'outbox' }.data.topic", equalTo(topic));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains(Stream.concat(Stream.of("civic_outbox_published_total", "civic_outbox_pending",
                "civic_outbox_lag_seconds", "civic_outbox_parked"), Stream.of(moreMetrics)).toArray(String[]::new));
    }
}
