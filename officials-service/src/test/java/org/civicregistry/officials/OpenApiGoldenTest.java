package org.civicregistry.officials;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;

import org.civicregistry.testsupport.OpenApiGolden;
import org.junit.jupiter.api.Test;

/** The service's OpenAPI document is the committed one: changes to it are deliberate ({@link OpenApiGolden}). */
@OfficialsTest
class OpenApiGoldenTest {

    @Test
    void theDocumentIsTheCommittedOne() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        OpenApiGolden.check(document, Path.of("src/test/resources/openapi-golden.json"));
    }
}
