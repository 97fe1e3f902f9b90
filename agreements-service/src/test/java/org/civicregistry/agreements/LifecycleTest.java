package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;


import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;

/**
 * draft → signed → in_force → expired / terminated, and nothing else: an invalid step is a 409 that
 * names the allowed ones. Signing needs a date on which every signatory held the stated post.
 */
@AgreementsTest
class LifecycleTest extends SeededTest {

    @Test
    void validTransitionsEachNameTheirEvent() {
        ObjectNode draft = Api.gyeonggiGwangju(w, null);
        draft.remove("status");
        draft.remove("signedOn");
        String id = Api.create(draft);
        given().get(Api.AGREEMENTS + "/" + id).then().body("status", equalTo("draft")).body("signedOn", nullValue());

        Problems.assertProblem(transition(id, "1", "{\"to\": \"signed\"}"), 400, "validation")
                .body("violations[0].field", equalTo("signedOn"));
        transition(id, "1", "{\"to\": \"signed\", \"signedOn\": \"2023-10-12\"}").statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("signed")).body("signedOn", equalTo("2023-10-12"));
        transition(id, "2", "{\"to\": \"in_force\"}").statusCode(200).body("status", equalTo("in_force"));
        transition(id, "3", "{\"to\": \"expired\"}").statusCode(200).body("status", equalTo("expired"));
        Problems.assertProblem(transition(id, "4", "{\"to\": \"terminated\"}"), 409, "invalid-transition")
                .body("allowed", org.hamcrest.Matchers.empty()).body("detail", containsString("expired is final"));
        given().get(Api.AGREEMENTS + "/" + id + "/history").then().body("items.type", contains("civic.agreement.created",
                "civic.agreement.signed", "civic.agreement.in_force", "civic.agreement.expired"));

        String other = Api.create(Api.gyeonggiGwangju(w, null));
        transition(other, "1", "{\"to\": \"terminated\"}").statusCode(200).body("status", equalTo("terminated"));
        given().get(Api.AGREEMENTS + "/" + other + "/history").then().body("items[1].type", equalTo("civic.agreement.terminated"));
    }

    @Test
    void invalidTransitionsAre409WithTheAllowedOnesAndChangeNothing() {
        ObjectNode draft = Api.gyeonggiGwangju(w, null);
        draft.put("status", "draft");
        String id = Api.create(draft);
        Problems.assertProblem(transition(id, "1", "{\"to\": \"in_force\"}"), 409, "invalid-transition")
                .body("allowed", contains("signed")).body("detail", containsString("from draft"));
        Problems.assertProblem(transition(id, "1", "{\"to\": \"draft\"}"), 409, "invalid-transition").body("allowed", contains("signed"));
        Problems.assertProblem(transition(id, "1", "{\"to\": \"archived\"}"), 400, "validation").body("violations[0].field", equalTo("to"));
        // an unknown state breaks the contract on purpose: only the answer is checked
        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).header("If-Match", "\"1\"").body("{\"to\": \"ratified\"}")
                .post(Api.AGREEMENTS + "/" + id + "/transitions").then(), 400, "malformed-body").body("violations[0].field", equalTo("to"));
        // through PATCH and PUT just the same
        Problems.assertProblem(Api.patch("1").body("{\"status\": \"expired\"}").patch(Api.AGREEMENTS + "/" + id).then(),
                409, "invalid-transition").body("allowed", contains("signed"));
        transition(id, "1", "{\"to\": \"signed\"}").statusCode(200);
        Problems.assertProblem(Api.patch("2").body("{\"status\": \"draft\"}").patch(Api.AGREEMENTS + "/" + id).then(),
                409, "invalid-transition").body("allowed", contains("in_force", "terminated"));
        draft.put("status", "expired");
        Problems.assertProblem(Api.admin().header("If-Match", "\"2\"").body(draft.toString()).put(Api.AGREEMENTS + "/" + id).then(),
                409, "invalid-transition").body("allowed", contains("in_force", "terminated"));
        // PUT without a status keeps the state
        draft.remove("status");
        Api.admin().header("If-Match", "\"2\"").body(draft.toString()).put(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("signed"));
        // checks come in the order of every write: a stale ETag is a 412 even for a wrong step
        Problems.assertProblem(transition(id, "1", "{\"to\": \"draft\"}"), 412, "precondition-failed");
        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).body("{\"to\": \"in_force\"}")
                .post(Api.AGREEMENTS + "/" + id + "/transitions").then(),
                428, "precondition-required");
        given().get(Api.AGREEMENTS + "/" + id).then().body("version", equalTo(3)).body("status", equalTo("signed"));
    }

    @Test
    void aSignatoryMustHaveHeldThePostOnTheSigningDate() {
        // Lee Yong-sup's term as Mayor of Gwangju ended on 2022-06-30; Kang Ki-jung has held it since 2022-07-01
        ObjectNode body = Api.agreement(null, "시험 협약", "Test agreement", "mou", "signed", "2023-10-12",
                Api.party(w.gyeonggi, w.kimDongYeon, w.governor), Api.party(w.gwangju, w.leeYongSup, w.mayor));
        Problems.assertProblem(Api.admin().body(body.toString()).post(Api.AGREEMENTS).then(), 422, "unprocessable")
                .body("violations[0].field", equalTo("parties[1].signatory"))
                .body("violations[0].message", containsString(w.leeYongSup));
        body.put("signedOn", "2022-06-30");
        Problems.assertProblem(Api.admin().body(body.toString()).post(Api.AGREEMENTS).then(), 422, "unprocessable")
                .body("violations[0].field", equalTo("parties[0].signatory")); // the governor's term had not begun
        // partial dates are widened: Lee held the post at some time in 2022, Kim in 2022-07
        body.put("signedOn", "2022");
        Api.admin().body(body.toString()).post(Api.AGREEMENTS).then().statusCode(201);
        // the governor signing as mayor
        ObjectNode wrongPost = Api.agreement(null, "시험 협약", "Test agreement", "mou", "signed", "2023-10-12",
                Api.party(w.gyeonggi, w.kimDongYeon, w.mayor));
        Problems.assertProblem(Api.admin().body(wrongPost.toString()).post(Api.AGREEMENTS).then(), 422, "unprocessable")
                .body("violations[0].field", equalTo("parties[0].signatory"));
        // unknown people and posts are unknown references, named by field
        String unknown = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b";
        Problems.assertProblem(Api.admin().body(Api.agreement(null, "시험", "Test", "mou", null, null,
                Api.party(w.gyeonggi, unknown, w.governor)).toString()).post(Api.AGREEMENTS).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("parties[0].signatory.personId"));
        Problems.assertProblem(Api.admin().body(Api.agreement(null, "시험", "Test", "mou", null, null,
                Api.party(w.gyeonggi), Api.party(w.gwangju, w.kangKiJung, unknown)).toString()).post(Api.AGREEMENTS).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("parties[1].signatory.postId"));

        // a draft may name its signatories before the date is known; signing checks them on the date
        ObjectNode draft = Api.agreement(null, "시험 협약", "Test agreement", "mou", null, null,
                Api.party(w.gwangju, w.leeYongSup, w.mayor));
        String id = Api.create(draft);
        Problems.assertProblem(transition(id, "1", "{\"to\": \"signed\", \"signedOn\": \"2023-10-12\"}"), 422, "unprocessable")
                .body("violations[0].field", equalTo("parties[0].signatory"));
        transition(id, "1", "{\"to\": \"signed\", \"signedOn\": \"2019-12-26\"}").statusCode(200);
    }

    private static ValidatableResponse transition(String id, String etag, String body) {
        return Api.admin().header("If-Match", "\"" + etag + "\"").body(body).post(Api.AGREEMENTS + "/" + id + "/transitions").then()
                .log().ifValidationFails();
    }
}
