package org.civicregistry.gateway;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;

import org.civicregistry.testsupport.OpenApiGolden;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own document and the platform document it merges (with the test upstreams' parts) are
 * the committed ones: changes to them are deliberate ({@link OpenApiGolden}).
 */
@GatewayTest
class OpenApiGoldenTest {

    @Test
    void theOwnDocumentIsTheCommittedOne() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiGolden.check(document, Path.of("src/test/resources/openapi-golden.json"));
    }

    @Test
    void theMergedDocumentIsTheCommittedOne() {
        String document = Client.anyone().get("/openapi").then().statusCode(200).extract().asString();
        OpenApiGolden.check(document, Path.of("src/test/resources/openapi-merged-golden.json"));
    }
}
