package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * A record read with {@code Accept: application/ld+json}: the same JSON with the served context, the
 * record's URL and its type, links as URLs; its own ETag; JSON stays the default. (What the terms
 * mean is checked by a JSON-LD processor in the widgets' Node tests, through the gateway.)
 */
@OfficialsTest
class LinkedDataTest {

    private static final String LD = "application/ld+json";

    @Test
    void aMembershipReadAsJsonLdLinksItsPersonAndPostByTheirUrls() throws Exception {
        String city = Api.organization(Api.unique("ld-city"), "광주광역시", "Gwangju", "metropolitan_city", null);
        String person = Api.person(Api.unique("ld-mayor"), "강기정", "Kang Gi-jung");
        String post = Api.post(Api.unique("ld-mayor-post"), "광주광역시장", "Mayor of Gwangju", "mayor", city);
        String membership = Api.membership(person, post, "2022-07-01", null);
        String base = "http://registry.example:8443/";

        Response linked = given().accept(LD).header("Host", "registry.example:8443")
                .get("/api/v1/memberships/" + membership).then().statusCode(200)
                .contentType(LD).header("ETag", "\"1-ld\"").header("Vary", containsString("Accept"))
                .extract().response();
        JsonNode document = new ObjectMapper().readTree(linked.asString());
        assertThat(document.path("@context").asText()).isEqualTo(base + "api/v1/contexts/civic.jsonld");
        assertThat(document.path("@id").asText()).isEqualTo(base + "api/v1/memberships/" + membership);
        assertThat(document.path("@type").asText()).isEqualTo("Membership");
        assertThat(document.path("personId").asText()).isEqualTo(base + "api/v1/people/" + person);
        assertThat(document.path("postId").asText()).isEqualTo(base + "api/v1/posts/" + post);
        assertThat(document.path("id").asText()).isEqualTo(membership);
        assertThat(document.path("start").asText()).isEqualTo("2022-07-01");

        given().accept(LD).header("If-None-Match", "\"1-ld\"").get("/api/v1/memberships/" + membership).then().statusCode(304);
        given().accept(LD).header("If-None-Match", "\"1\"").get("/api/v1/memberships/" + membership).then().statusCode(200);
        given().accept("application/json").get("/api/v1/memberships/" + membership).then().statusCode(200)
                .contentType("application/json").header("ETag", "\"1\"").body("$", not(hasKey("@context")))
                .body("personId", equalTo(person));
        given().accept("*/*").get("/api/v1/memberships/" + membership).then().contentType("application/json");
        given().accept("application/json;q=0.5, application/ld+json").get("/api/v1/memberships/" + membership).then()
                .contentType(LD);
    }

    @Test
    void oneLanguageStaysALanguageMapAndHasItsOwnEtag() throws Exception {
        String city = Api.organization(Api.unique("ld-parent"), "전라남도", "Jeollanam-do", "province", null);
        String county = Api.organization(Api.unique("ld-county"), "담양군", "Damyang County", "county", city);

        JsonNode document = new ObjectMapper().readTree(given().accept(LD).queryParam("lang", "ko")
                .get("/api/v1/organizations/" + county).then().statusCode(200).header("ETag", "\"1-ko-ld\"")
                .header("Content-Language", "ko").extract().asString());
        assertThat(document.path("@context").asText()).endsWith("/api/v1/contexts/civic.jsonld");
        assertThat(document.path("name").properties()).as("a language map of one language").hasSize(1);
        assertThat(document.path("name").path("ko").asText()).isEqualTo("담양군");
        assertThat(document.path("@type").asText()).isEqualTo("Organization");
        assertThat(document.path("parentId").asText()).endsWith("/api/v1/organizations/" + city);
    }

    @Test
    void theContextIsServedAndCached() throws Exception {
        Response context = given().get("/api/v1/contexts/civic.jsonld").then().statusCode(200).contentType(LD)
                .header("Cache-Control", containsString("max-age=86400")).extract().response();
        JsonNode terms = new ObjectMapper().readTree(context.asString()).path("@context");
        assertThat(terms.path("@version").asDouble()).isEqualTo(1.1);
        for (String type : new String[] { "Person", "Organization", "Post", "Membership", "Event", "Agreement", "Programme" }) {
            assertThat(terms.has(type)).as(type).isTrue();
        }
        given().header("If-None-Match", context.header("ETag")).get("/api/v1/contexts/civic.jsonld").then().statusCode(304);
        given().header("If-Match", "\"another\"").get("/api/v1/contexts/civic.jsonld").then().statusCode(412)
                .contentType("application/problem+json");
    }
}
