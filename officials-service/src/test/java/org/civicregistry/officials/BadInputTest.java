package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.civicregistry.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input gets a clear problem+json 4xx that names what is wrong, and writes nothing:
 * neither the record, nor its history, nor an event in the outbox.
 */
@OfficialsTest
@Contract.ResponsesOnly
class BadInputTest {

    @Inject
    AgroalDataSource dataSource;

    long rowsBefore;

    @BeforeEach
    void countRows() throws SQLException {
        rowsBefore = rows();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON        | {\"name\": {\"ko\": \"광주\"   | 400 | malformed-body | ",
            "not an object         | [1, 2, 3]                              | 400 | malformed-body | ",
            "wrong type            | {\"name\": \"광주\", \"classification\": \"province\"} | 400 | malformed-body | name",
            "number for text       | {\"name\": {\"ko\": 42}, \"classification\": \"province\"} | 400 | malformed-body | name.ko",
            "unknown enum value    | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"kingdom\"} | 400 | malformed-body | classification",
            "missing required      | {\"name\": {\"ko\": \"광주\"}}           | 400 | validation | classification",
            "empty name map        | {\"name\": {}, \"classification\": \"province\"} | 400 | validation | name",
            "blank name            | {\"name\": {\"ko\": \"   \"}, \"classification\": \"province\"} | 400 | validation | name.ko",
            "ideographic-space name | {\"name\": {\"ko\": \"\u3000\"}, \"classification\": \"province\"} | 400 | validation | name.ko",
            "no-break-space scheme | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"province\", \"identifiers\": [{\"scheme\": \"\u00a0\", \"identifier\": \"29\"}]} | 400 | validation | identifiers[0].scheme",
            "bad language tag      | {\"name\": {\"Korean!\": \"광주\"}, \"classification\": \"province\"} | 400 | validation | name.?",
            "bad slug              | {\"slug\": \"Gwang Ju\", \"name\": {\"ko\": \"광주\"}, \"classification\": \"province\"} | 400 | validation | slug",
            "dissolved before founded | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"province\", \"foundedOn\": \"1986\", \"dissolvedOn\": \"1985-12\"} | 400 | validation | dissolvedOn",
            "impossible date       | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"province\", \"foundedOn\": \"1986-02-30\"} | 400 | malformed-body | foundedOn",
            "duplicate keys        | {\"name\": {\"ko\": \"광주\"}, \"name\": {\"en\": \"x\"}, \"classification\": \"province\"} | 400 | malformed-body | ",
            "unknown parent        | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"district\", \"parentId\": \"0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b\"} | 422 | unknown-reference | parentId",
            "not a UUID reference  | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"district\", \"parentId\": \"gwangju\"} | 400 | malformed-body | parentId",
            "javascript source url | {\"name\": {\"ko\": \"광주\"}, \"classification\": \"province\", \"sources\": [{\"url\": \"javascript:alert(1)\"}]} | 400 | validation | sources[0].url",
    })
    void organizationBodies(String name, String body, int status, String type, String field) throws SQLException {
        ValidatableResponse response = Api.admin().body(body).post("/api/v1/organizations").then().log().ifValidationFails();
        assertProblem(response, status, type);
        if (field != null) {
            response.body("violations.field", hasItem(field));
        }
        assertThat(rows()).as("nothing written").isEqualTo(rowsBefore);
    }

    @Test
    void membershipRulesAndReferences() throws SQLException {
        String org = Api.organization(Api.unique("org"), "기관", "Body", "committee", null);
        String person = Api.person(Api.unique("person"), "사람", "Person");
        String post = Api.post(Api.unique("chair"), "위원장", "Chair", "chair", org);
        rowsBefore = rows();
        String unknown = UUID.randomUUID().toString();
        assertProblem(Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\", \"start\": \"2022-07-01\", \"end\": \"2022-06-30\"}"
                .formatted(person, post)).post("/api/v1/memberships").then(), 400, "validation").body("violations[0].field", equalTo("end"));
        assertProblem(Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\"}".formatted(unknown, post))
                .post("/api/v1/memberships").then(), 422, "unknown-reference").body("violations[0].field", equalTo("personId"));
        assertProblem(Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\"}".formatted(person, unknown))
                .post("/api/v1/memberships").then(), 422, "unknown-reference").body("violations[0].field", equalTo("postId"));
        assertProblem(Api.admin().body("{\"personId\": \"%s\", \"organizationId\": \"%s\", \"onBehalfOfId\": \"%s\"}".formatted(person, org, org))
                .post("/api/v1/memberships").then(), 422, "unprocessable").body("violations[0].field", equalTo("onBehalfOfId"));
        assertProblem(Api.admin().body("{\"personId\": \"%s\"}".formatted(person))
                .post("/api/v1/memberships").then(), 400, "validation").body("violations[0].field", equalTo("organizationId"));
        assertProblem(Api.admin().body("{\"personId\": \"%s\", \"organizationId\": \"%s\", \"endReason\": \"resigned\"}".formatted(person, org))
                .post("/api/v1/memberships").then(), 400, "validation").body("violations[0].field", equalTo("endReason"));
        assertProblem(Api.admin().body("{\"label\": {\"ko\": \"위원\"}, \"organizationId\": \"%s\"}".formatted(unknown))
                .post("/api/v1/posts").then(), 422, "unknown-reference");
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void pathsAndParameters() {
        assertProblem(given().get("/api/v1/people/not-a-uuid").then(), 400, "bad-parameter").body("violations[0].field", equalTo("id"));
        assertProblem(given().get("/api/v1/people/" + UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().get("/api/v1/nothing-here").then(), 404, "not-found");
        assertProblem(given().queryParam("limit", 0).get("/api/v1/people").then(), 400, "bad-parameter").body("violations[0].field", equalTo("limit"));
        assertProblem(given().queryParam("limit", 201).get("/api/v1/people").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("limit", "ten").get("/api/v1/people").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("cursor", "garbage!").get("/api/v1/people").then(), 400, "bad-parameter")
                .body("violations[0].field", equalTo("cursor"));
        assertProblem(given().queryParam("cursor", java.util.Base64.getUrlEncoder().encodeToString("c1\u001fnot-a-uuid".getBytes()))
                .get("/api/v1/people").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("updatedSince", "yesterday").get("/api/v1/people").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("at", "99999-01-01").get("/api/v1/people").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("current", "maybe").get("/api/v1/memberships").then(), 400, "bad-parameter");
        assertProblem(given().queryParam("q", "x".repeat(201)).get("/api/v1/people").then(), 400, "bad-parameter");
        given().queryParam("q", "'; drop table person; --").get("/api/v1/people").then().statusCode(200);
        given().get("/api/v1/people").then().statusCode(200);
    }

    /** A problem's title is in the client's language (lang, else Accept-Language), as the data is; the detail stays as written. */
    @Test
    void problemTitlesSpeakTheClientsLanguage() {
        String missing = "/api/v1/people/" + UUID.randomUUID();
        assertProblem(given().header("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8").get(missing).then(), 404, "not-found")
                .body("title", equalTo("찾을 수 없음"));
        assertProblem(given().header("Accept-Language", "en;q=0.4, ko;q=0.9").queryParam("limit", 0).get("/api/v1/people").then(), 400,
                "bad-parameter").body("title", equalTo("잘못된 매개변수")).body("violations[0].field", equalTo("limit"));
        assertProblem(given().header("Accept-Language", "ko").queryParam("lang", "en").get(missing).then(), 404, "not-found")
                .body("title", equalTo("Not found"));
        assertProblem(given().queryParam("lang", "ko").get(missing).then(), 404, "not-found").body("title", equalTo("찾을 수 없음"));
        assertProblem(Api.admin().header("Accept-Language", "ko").body("{}").post("/api/v1/people").then(), 400, "validation")
                .body("title", equalTo("잘못된 요청"));
        // English for anyone else, and for a header that does not parse
        assertProblem(given().get(missing).then(), 404, "not-found").body("title", equalTo("Not found"));
        assertProblem(given().header("Accept-Language", "fr-CH, fr;q=0.9").get(missing).then(), 404, "not-found")
                .body("title", equalTo("Not found"));
        assertProblem(given().header("Accept-Language", "ko;q=abc,,;").get(missing).then(), 404, "not-found")
                .body("title", equalTo("Not found"));
    }

    @Test
    void bodiesOfTheWrongKindOrSize() throws SQLException {
        assertProblem(Api.admin().contentType("text/plain").body("hello").post("/api/v1/people").then(), 415, "unsupported-media-type");
        assertProblem(Api.admin().body("").post("/api/v1/people").then(), 400, "validation")
                .body("violations[0].field", equalTo("body"));
        String huge = "{\"name\": {\"ko\": \"" + "가".repeat(300_000) + "\"}}";
        assertProblem(Api.admin().body(huge).post("/api/v1/people").then(), 413, "payload-too-large");
        String tooLong = "{\"name\": {\"ko\": \"" + "가".repeat(501) + "\"}}";
        assertProblem(Api.admin().body(tooLong).post("/api/v1/people").then(), 400, "validation");
        assertProblem(Api.admin().body("{\"name\": {\"ko\": \"a\\u0000b\"}}").post("/api/v1/people").then(), 400, "validation");
        String deep = "{\"name\": " + "[".repeat(2000) + "]".repeat(2000) + "}";
        assertProblem(Api.admin().body(deep).post("/api/v1/people").then(), 400, "malformed-body");
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void mergePatchErrorsLeaveTheRecordAlone() {
        String id = Api.person(Api.unique("patch"), "패치", "Patch");
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"name\": null}").patch("/api/v1/people/" + id).then(), 400, "validation");
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"birthDate\": 1964}").patch("/api/v1/people/" + id).then(), 400, "malformed-body");
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("[]").patch("/api/v1/people/" + id).then(), 400, "malformed-body");
        given().get("/api/v1/people/" + id).then().body("version", equalTo(1));
    }

    private long rows() throws SQLException {
        return Sql.count(dataSource, "select (select count(*) from organization) + (select count(*) from person)"
                + " + (select count(*) from post) + (select count(*) from membership)"
                + " + (select count(*) from record_history)");
    }
}
