package org.civicregistry.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** A gateway without a dumps directory (as here) makes none, says so, and still catalogues the live download. */
@GatewayTest
class DumpsTest {

    @Test
    void withoutADirectoryTheCatalogueHasOnlyTheLiveDownload() {
        Client.anyone().accept("application/ld+json").get("/api/v1/dumps").then().statusCode(200)
                .contentType(startsWith("application/ld+json"))
                .body("'@type'", equalTo("dcat:Catalog"))
                .body("'dcat:dataset'[0].'dcat:distribution'", hasSize(1))
                .body("'dcat:dataset'[0].'dcat:distribution'[0].'dcat:accessURL'.'@id'", startsWith("http"))
                .body("'dct:license'.'@id'", equalTo("https://www.kogl.or.kr/info/licenseType1.do"));
        Client.anyone().auth().oauth2(Tokens.admin()).contentType("application/json").post("/api/v1/dumps").then().statusCode(409)
                .contentType("application/problem+json");
        Client.anyone().get("/api/v1/dumps/register-20261203T150000Z.zip").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
