package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

@OfficialsTest
class SmokeTest {

    @Test
    void createsAndReadsAnOrganization() {
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"slug\":\"gwangju\",\"name\":{\"ko\":\"광주광역시\",\"en\":\"Gwangju Metropolitan City\"},\"classification\":\"metropolitan_city\"}")
                .post("/api/v1/organizations")
                .then().log().ifValidationFails().statusCode(201).extract().header("Location");
        given().get(location).then().log().all().statusCode(200).body("name.ko", equalTo("광주광역시"));
    }
}
