package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/** Reads are public; writes need a valid token, and an editor writes only inside their jurisdictions. */
@OfficialsTest
class AuthorizationTest {

    @Test
    void writesNeedAValidToken() {
        String body = "{\"name\": {\"ko\": \"사람\"}}";
        Problems.assertWritesNeedAValidToken("/api/v1/people", body);
        given().get("/api/v1/people").then().statusCode(200);
    }

    @Test
    void editorsWriteOnlyTheirJurisdictionsWalkingUpParents() {
        String gwangjuSlug = Api.unique("gwangju");
        String gyeonggiSlug = Api.unique("gyeonggi");
        String gwangju = Api.organization(gwangjuSlug, "광주광역시", "Gwangju", "metropolitan_city", null);
        String office = Api.organization(Api.unique("gwangju-office"), "광주광역시청", "Gwangju City Hall", "executive", gwangju);
        String gyeonggi = Api.organization(gyeonggiSlug, "경기도", "Gyeonggi", "province", null);
        String postBody = "{\"label\": {\"ko\": \"시장\"}, \"role\": \"mayor\", \"organizationId\": \"%s\"}";

        // inside: a post of an office under Gwangju
        String post = as(Tokens.editor(gwangjuSlug)).body(postBody.formatted(office)).post("/api/v1/posts")
                .then().statusCode(201).extract().path("id");
        // outside: Gyeonggi's editor may not touch it, nor create posts in Gwangju
        Problems.assertProblem(as(Tokens.editor(gyeonggiSlug)).body(postBody.formatted(gwangju)).post("/api/v1/posts").then(), 403, "forbidden");
        Problems.assertProblem(as(Tokens.editor(gyeonggiSlug)).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"role\": \"governor\"}").patch("/api/v1/posts/" + post).then(), 403, "forbidden");
        Problems.assertProblem(as(Tokens.editor(gyeonggiSlug)).header("If-Match", "\"1\"").delete("/api/v1/posts/" + post).then(), 403, "forbidden");
        // nor move it out of Gwangju into their own province
        Problems.assertProblem(as(Tokens.editor(gwangjuSlug)).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"organizationId\": \"" + gyeonggi + "\"}").patch("/api/v1/posts/" + post).then(), 403, "forbidden");
        given().get("/api/v1/posts/" + post).then().body("version", equalTo(1)).body("organizationId", equalTo(office));

        // memberships follow the post's organization; a person stays with the jurisdiction that owns them
        String person = as(Tokens.editor(gyeonggiSlug)).body("{\"name\": {\"ko\": \"새 인물\"}}").post("/api/v1/people")
                .then().statusCode(201).extract().path("id");
        String membershipBody = "{\"personId\": \"%s\", \"postId\": \"%s\", \"start\": \"2030-07-01\"}".formatted(person, post);
        Problems.assertProblem(as(Tokens.editor(gyeonggiSlug)).body(membershipBody).post("/api/v1/memberships").then(), 403, "forbidden");
        as(Tokens.editor(gwangjuSlug)).body(membershipBody).post("/api/v1/memberships").then().statusCode(201);
        Problems.assertProblem(as(Tokens.editor(gwangjuSlug)).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"birthDate\": \"1970\"}").patch("/api/v1/people/" + person).then(), 403, "forbidden");
        as(Tokens.editor(gyeonggiSlug)).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"birthDate\": \"1970\"}").patch("/api/v1/people/" + person).then().statusCode(200);

        // admin writes anything
        as(Tokens.admin()).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"role\": \"acting-mayor\"}").patch("/api/v1/posts/" + post).then().statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }
}
