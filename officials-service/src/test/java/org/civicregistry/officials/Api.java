package org.civicregistry.officials;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.civicregistry.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small helpers that write records through the public API, as an integrator would. */
final class Api {

    private Api() {
    }

    /** A slug no other test uses: tests share one database. */
    static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    static String organization(String slug, String ko, String en, String classification, String parentId) {
        String parent = parentId == null ? "" : ", \"parentId\": \"" + parentId + "\"";
        return admin().body("""
                {"slug": "%s", "name": {"ko": "%s", "en": "%s"}, "classification": "%s"%s}""".formatted(slug, ko, en, classification, parent))
                .post("/api/v1/organizations").then().statusCode(201).extract().path("id");
    }

    static String person(String slug, String ko, String en) {
        return admin().body("""
                {"slug": "%s", "name": {"ko": "%s", "en": "%s"}}""".formatted(slug, ko, en))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
    }

    static String post(String slug, String ko, String en, String role, String organizationId) {
        return admin().body("""
                {"slug": "%s", "label": {"ko": "%s", "en": "%s"}, "role": "%s", "organizationId": "%s"}"""
                .formatted(slug, ko, en, role, organizationId))
                .post("/api/v1/posts").then().statusCode(201).extract().path("id");
    }

    static String membership(String personId, String postId, String start, String end) {
        String endField = end == null ? "" : ", \"end\": \"" + end + "\"";
        return admin().body("""
                {"personId": "%s", "postId": "%s", "start": "%s"%s}""".formatted(personId, postId, start, endField))
                .post("/api/v1/memberships").then().statusCode(201).extract().path("id");
    }
}
