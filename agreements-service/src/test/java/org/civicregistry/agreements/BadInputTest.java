package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.civicregistry.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;


import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input gets a clear problem+json 4xx that names what is wrong, and writes nothing:
 * neither the agreement, nor its history, nor an event. {@code $GG} and {@code $GJ} stand for the
 * ids of Gyeonggi and Gwangju; {@code $P} for a valid list of parties.
 */
@AgreementsTest
@Contract.ResponsesOnly
class BadInputTest extends SeededTest {

    long rowsBefore;

    @BeforeEach
    void countRows() throws SQLException {
        rowsBefore = rows();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON        | {\"title\": {\"ko\": \"협약\"   | 400 | malformed-body | ",
            "not an object         | [1, 2, 3]                     | 400 | malformed-body | ",
            "wrong type            | {\"title\": \"협약\", \"kind\": \"mou\", $P} | 400 | malformed-body | title",
            "number for text       | {\"title\": {\"ko\": 42}, \"kind\": \"mou\", $P} | 400 | malformed-body | title.ko",
            "unknown enum value    | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"treaty\", $P} | 400 | malformed-body | kind",
            "unknown status        | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"status\": \"ratified\", $P} | 400 | malformed-body | status",
            "missing required      | {\"title\": {\"ko\": \"협약\"}, $P} | 400 | validation | kind",
            "no parties            | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": []} | 400 | validation | parties",
            "empty title map       | {\"title\": {}, \"kind\": \"mou\", $P} | 400 | validation | title",
            "blank title           | {\"title\": {\"ko\": \"   \"}, \"kind\": \"mou\", $P} | 400 | validation | title.ko",
            "bad language tag      | {\"title\": {\"Korean!\": \"협약\"}, \"kind\": \"mou\", $P} | 400 | validation | title.?",
            "bad slug              | {\"slug\": \"Gyeonggi Gwangju\", \"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P} | 400 | validation | slug",
            "bad party role        | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"$GG\", \"role\": \"Lead Party\"}]} | 400 | validation | parties[0].role",
            "signatory without post | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"$GG\", \"signatory\": {\"personId\": \"$GG\"}}]} | 400 | validation | parties[0].signatory.postId",
            "party twice           | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"$GG\"}, {\"organizationId\": \"$GG\"}]} | 400 | validation | parties[1].organizationId",
            "period ends before it starts | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"effectiveFrom\": \"2024\", \"effectiveUntil\": \"2023-12\", $P} | 400 | validation | effectiveUntil",
            "signed without a date | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"status\": \"signed\", $P} | 400 | validation | signedOn",
            "created archived      | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"status\": \"archived\", $P} | 400 | validation | status",
            "impossible date       | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"signedOn\": \"2023-02-30\", $P} | 400 | malformed-body | signedOn",
            "date out of range     | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"signedOn\": \"10000-01-01\", $P} | 400 | malformed-body | signedOn",
            "duplicate keys        | {\"title\": {\"ko\": \"협약\"}, \"title\": {\"en\": \"x\"}, \"kind\": \"mou\", $P} | 400 | malformed-body | ",
            "unknown party         | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"$GG\"}, {\"organizationId\": \"0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b\"}]} | 422 | unknown-reference | parties[1].organizationId",
            "not a UUID reference  | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"gyeonggi\"}]} | 400 | malformed-body | parties[0].organizationId",
            "unknown amended agreement | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"amendsId\": \"0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b\", $P} | 422 | unknown-reference | amendsId",
            "javascript source url | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"documents\": [{\"url\": \"javascript:alert(1)\"}], $P} | 400 | validation | documents[0].url",
            "item without number   | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"title\": {\"ko\": \"항목\"}}]} | 400 | validation | items[0].number",
            "item numbers duplicated | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}}, {\"number\": 2, \"title\": {\"ko\": \"나\"}}, {\"number\": 1, \"title\": {\"ko\": \"다\"}}]} | 400 | validation | items[2].number",
            "item number zero      | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 0, \"title\": {\"ko\": \"가\"}}]} | 400 | validation | items[0].number",
            "item number too big   | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1000, \"title\": {\"ko\": \"가\"}}]} | 400 | validation | items[0].number",
            "item number not whole | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1.5, \"title\": {\"ko\": \"가\"}}]} | 400 | malformed-body | items[0].number",
            "unknown item status   | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}, \"status\": \"finished\"}]} | 400 | malformed-body | items[0].status",
            "milestone before signing | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"signedOn\": \"2023-10-12\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}, \"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"due\": \"2023-09\"}]}]} | 400 | validation | items[0].milestones[0].due",
            "milestone after the period | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", \"effectiveUntil\": \"2025\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}, \"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"due\": \"2026-01-01\"}]}]} | 400 | validation | items[0].milestones[0].due",
            "milestone met in the future | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}, \"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"met\": \"9999-12-31\"}]}]} | 400 | validation | items[0].milestones[0].met",
            "milestone impossible date | {\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", $P, \"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}, \"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"due\": \"2024-13\"}]}]} | 400 | malformed-body | items[0].milestones[0].due",
    })
    void agreementBodies(String name, String body, int status, String type, String field) throws SQLException {
        String json = body.replace("$P", "\"parties\": [{\"organizationId\": \"" + w.gyeonggi + "\"}]")
                .replace("$GG", w.gyeonggi).replace("$GJ", w.gwangju);
        ValidatableResponse response = Api.admin().body(json).post(Api.AGREEMENTS).then().log().ifValidationFails();
        assertProblem(response, status, type);
        if (field != null) {
            response.body("violations.field", hasItem(field));
        }
        assertThat(rows()).as("nothing written").isEqualTo(rowsBefore);
    }

    @Test
    void itemBodies() throws SQLException {
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        String items = Api.AGREEMENTS + "/" + id + "/items";
        rowsBefore = rows();
        assertProblem(Api.admin().body("{\"number\": 2, \"title\": {\"ko\": \"중복\"}}").post(items).then(), 409, "conflict")
                .body("violations[0].field", equalTo("number"));
        assertProblem(Api.admin().body("{\"title\": {\"ko\": \"단계\"}, \"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"due\": \"2020\"}]}")
                .post(items).then(), 400, "validation").body("violations[0].field", equalTo("milestones[0].due"));
        assertProblem(Api.admin().body("{\"title\": {}}").post(items).then(), 400, "validation").body("violations[0].field", equalTo("title"));
        for (String noLanguage : new String[] {",", ";q=1", "ko;q=", "-"}) {
            assertProblem(Api.admin().header("Accept-Language", noLanguage).body("{\"title\": {}}").post(items).then(), 400, "validation")
                    .body("violations[0].field", equalTo("title"));
        }
        assertProblem(Api.patch("1").body("{\"title\": null}").patch(items + "/1").then(), 400, "validation");
        assertProblem(Api.patch("1").body("{\"status\": \"finished\"}").patch(items + "/1").then(), 400, "malformed-body");
        assertProblem(Api.patch("1").body("{\"number\": 2}").patch(items + "/1").then(), 400, "validation")
                .body("violations[0].field", equalTo("number"));
        assertProblem(Api.patch("1").body("{\"milestones\": [{\"title\": {\"ko\": \"단계\"}, \"met\": \"2023-01\"}]}").patch(items + "/1").then(),
                400, "validation").body("violations[0].field", equalTo("milestones[0].met"));
        assertProblem(Api.patch("1").body("[]").patch(items + "/1").then(), 400, "malformed-body");
        assertProblem(Api.patch("1").body("{\"status\": \"done\"}").patch(items + "/0").then(), 400, "bad-parameter");
        assertProblem(Api.patch("1").body("{\"status\": \"done\"}").patch(items + "/42").then(), 404, "not-found");
        assertProblem(Api.patch("1").body("{\"status\": \"done\"}").patch(Api.AGREEMENTS + "/" + UUID.randomUUID() + "/items/1").then(),
                404, "not-found");
        assertThat(rows()).isEqualTo(rowsBefore);
        given().get(Api.AGREEMENTS + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void pathsAndParameters() {
        assertProblem(given().get(Api.AGREEMENTS + "/not-a-uuid").then(), 400, "bad-parameter").body("violations[0].field", equalTo("id"));
        assertProblem(given().get(Api.AGREEMENTS + "/" + UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().get(Api.AGREEMENTS + "/" + UUID.randomUUID() + "/history").then(), 404, "not-found");
        assertProblem(given().get(Api.AGREEMENTS + "/" + UUID.randomUUID() + "/items").then(), 404, "not-found");
        assertProblem(given().get("/api/v1/nothing-here").then(), 404, "not-found");
        assertProblem(given().queryParam("limit", 0).get(Api.AGREEMENTS).then(), 400, "bad-parameter").body("violations[0].field", equalTo("limit"));
        assertProblem(given().queryParam("limit", 201).get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("limit", "ten").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("cursor", "garbage!").get(Api.AGREEMENTS).then(), 400, "bad-parameter")
                .body("violations[0].field", equalTo("cursor"));
        // a cursor of another collection (one part), or with a sort key that is not a date
        assertProblem(given().queryParam("cursor", cursor("c1\u001f" + UUID.randomUUID())).get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("cursor", cursor("c1\u001fsoon\u001f" + UUID.randomUUID())).get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("from", "2023-13-01").get(Api.AGREEMENTS).then(), 400, "bad-parameter").body("violations[0].field", equalTo("from"));
        assertProblem(given().queryParam("to", "99999-01-01").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("updatedSince", "yesterday").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("status", "ratified").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("signatory", "nobody-at-all").get(Api.AGREEMENTS).then(), 400, "bad-parameter")
                .body("violations[0].field", equalTo("signatory"));
        assertProblem(given().queryParam("party", "not-a-uuid-but-36-characters-long-xx").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("q", "x".repeat(201)).get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        assertProblem(given().queryParam("lang", "12345").get(Api.AGREEMENTS).then(), 400, "bad-parameter");
        given().queryParam("q", "'; drop table agreement; --").get(Api.AGREEMENTS).then().statusCode(200);
        given().get(Api.AGREEMENTS).then().statusCode(200);
    }

    @Test
    void bodiesOfTheWrongKindOrSize() throws SQLException {
        assertProblem(Api.admin().contentType("text/plain").body("hello").post(Api.AGREEMENTS).then(), 415, "unsupported-media-type");
        assertProblem(Api.admin().body("").post(Api.AGREEMENTS).then(), 400, "validation").body("violations[0].field", equalTo("body"));
        String parties = "\"parties\": [{\"organizationId\": \"" + w.gyeonggi + "\"}]";
        String huge = "{\"title\": {\"ko\": \"" + "가".repeat(300_000) + "\"}, \"kind\": \"mou\", " + parties + "}";
        assertProblem(Api.admin().body(huge).post(Api.AGREEMENTS).then(), 413, "payload-too-large");
        String tooLong = "{\"title\": {\"ko\": \"" + "가".repeat(501) + "\"}, \"kind\": \"mou\", " + parties + "}";
        assertProblem(Api.admin().body(tooLong).post(Api.AGREEMENTS).then(), 400, "validation");
        assertProblem(Api.admin().body("{\"title\": {\"ko\": \"a\\u0000b\"}, \"kind\": \"mou\", " + parties + "}").post(Api.AGREEMENTS).then(),
                400, "validation");
        String deep = "{\"title\": " + "[".repeat(2000) + "]".repeat(2000) + "}";
        assertProblem(Api.admin().body(deep).post(Api.AGREEMENTS).then(), 400, "malformed-body");
        StringBuilder many = new StringBuilder("{\"title\": {\"ko\": \"협약\"}, \"kind\": \"mou\", " + parties + ", \"items\": [");
        for (int i = 1; i <= 101; i++) {
            many.append(i > 1 ? ", " : "").append("{\"number\": ").append(i).append(", \"title\": {\"ko\": \"항목\"}}");
        }
        assertProblem(Api.admin().body(many.append("]}").toString()).post(Api.AGREEMENTS).then(), 400, "validation")
                .body("violations[0].field", equalTo("items"));
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void mergePatchErrorsLeaveTheAgreementAlone() {
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        String at = Api.AGREEMENTS + "/" + id;
        assertProblem(Api.patch("1").body("{\"title\": null}").patch(at).then(), 400, "validation");
        assertProblem(Api.patch("1").body("{\"signedOn\": 2023}").patch(at).then(), 400, "malformed-body");
        assertProblem(Api.patch("1").body("[]").patch(at).then(), 400, "malformed-body");
        assertProblem(Api.patch("1").body("{\"items\": [{\"number\": 1, \"title\": {\"ko\": \"가\"}}, {\"number\": 1, \"title\": {\"ko\": \"나\"}}]}")
                .patch(at).then(), 400, "validation").body("violations[0].field", equalTo("items[1].number"));
        assertProblem(Api.patch("1").body("{\"amendsId\": \"" + id + "\"}").patch(at).then(), 422, "unprocessable")
                .body("violations[0].field", equalTo("amendsId"));
        assertProblem(Api.patch("1").body("{\"parties\": [{\"organizationId\": \"" + w.gyeonggi + "\", \"signatory\": {\"personId\": \""
                + w.leeYongSup + "\", \"postId\": \"" + w.mayor + "\"}}]}").patch(at).then(), 422, "unprocessable");
        given().get(at).then().body("version", equalTo(1));
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private long rows() throws SQLException {
        return Sql.count(dataSource, "select (select count(*) from agreement) + (select count(*) from record_history)");
    }
}
