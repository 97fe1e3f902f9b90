package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.util.Map;

import org.civicregistry.testsupport.OpenApiGolden;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

@GatewayTest
class DocumentsTest {

    /** The gateway's own document and the platform document (with the test upstreams' parts) are the committed ones. */
    @Test
    void theDocumentsAreTheCommittedOnes() {
        OpenApiGolden.checkServed();
        OpenApiGolden.check(Client.anyone().get("/openapi").then().statusCode(200).extract().asString(),
                Path.of("src/test/resources/openapi-merged-golden.json"));
    }

    @Test
    void theMergedDocumentHasEveryServicesPathsAndTheGatewaysOwn() {
        JsonPath doc = Client.anyone().get("/openapi").then().statusCode(200).contentType("application/json").extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/people", "/api/v1/stream", "/api/v1/webhooks", "/api/v1/webhooks/{id}/deliveries");
        assertThat(paths.keySet()).noneMatch(p -> p.startsWith("/q/"));
        assertThat(doc.getMap("components.schemas")).containsKeys("Person", "Problem", "Webhook");
        assertThat(doc.getString("info.title")).isEqualTo("Civic Registry API");
        // a key is optional everywhere: reads take none or one, an admin operation its bearer token with or without one
        assertThat(doc.getList("security")).containsExactly(Map.of(), Map.of("apiKey", java.util.List.of()));
        assertThat(doc.getMap("components.securitySchemes.apiKey")).containsEntry("in", "header").containsEntry("name", "X-Api-Key");
        assertThat(doc.getList("paths.'/api/v1/api-keys'.post.security")).containsExactlyInAnyOrder(Map.of("bearer", java.util.List.of("admin")),
                Map.of("bearer", java.util.List.of("admin"), "apiKey", java.util.List.of()));
        Client.anyone().queryParam("format", "yaml").get("/openapi").then().statusCode(200)
                .body(containsString("/api/v1/people:"));
    }

    @Test
    void asyncApiDescribesTheThreeTopicsAndSwaggerUiIsServed() {
        JsonPath asyncapi = Client.anyone().get("/asyncapi").then().statusCode(200).extract().jsonPath();
        assertThat(asyncapi.getString("channels.officials.address")).isEqualTo("civic.officials.v1");
        assertThat(asyncapi.getString("channels.agreements.address")).isEqualTo("civic.agreements.v1");
        assertThat(asyncapi.getMap("channels.agreements.messages")).containsKeys("agreementChanged", "programmeChanged");
        assertThat(asyncapi.getString("components.messages.programmeChanged.summary")).contains("civic.programme.created",
                ".initiative.reported");
        assertThat(asyncapi.getString("channels.events.address")).isEqualTo("civic.events.v1");
        // officials' event schemas (from commons) are in the document itself, not referenced
        assertThat(asyncapi.getList("components.schemas.Person.required")).contains("id", "name", "version");
        assertThat(asyncapi.getMap("components.schemas.Membership").get("$id")).asString().endsWith("/schemas/officials/membership.json");
        Client.anyone().get("/docs/").then().statusCode(200).body(containsString("swagger"));
    }
}
