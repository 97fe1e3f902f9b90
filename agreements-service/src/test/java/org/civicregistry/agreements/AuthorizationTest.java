package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;


import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;


/**
 * Reads are public; writes need a valid token, and an editor writes an agreement only when one of
 * its parties (or an ancestor of one, as learned from officials-service) is in their jurisdictions.
 */
@AgreementsTest
class AuthorizationTest extends SeededTest {

    @Test
    void writesNeedAValidToken() {
        String body = Api.gyeonggiGwangju(w, null).toString();
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        Problems.assertWritesNeedAValidToken(Api.AGREEMENTS, body);
        // every write route
        String agreement = Api.AGREEMENTS + "/" + id;
        Problems.assertProblem(given().header("If-Match", "\"1\"").contentType("application/json").body(body).put(agreement).then(), 401, "unauthorized");
        Problems.assertProblem(given().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{}").patch(agreement).then(), 401, "unauthorized");
        Problems.assertProblem(given().header("If-Match", "\"1\"").delete(agreement).then(), 401, "unauthorized");
        Problems.assertProblem(given().header("If-Match", "\"1\"").contentType("application/json").body("{\"to\": \"in_force\"}")
                .post(agreement + "/transitions").then(), 401, "unauthorized");
        Problems.assertProblem(given().contentType("application/json").body("{\"title\": {\"ko\": \"항목\"}}").post(agreement + "/items").then(), 401, "unauthorized");
        Problems.assertProblem(given().header("If-Match", "\"1\"").contentType("application/json").body("{\"title\": {\"ko\": \"항목\"}}")
                .put(agreement + "/items/1").then(), 401, "unauthorized");
        Problems.assertProblem(given().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"status\": \"done\"}")
                .patch(agreement + "/items/1").then(), 401, "unauthorized");
        given().get(Api.AGREEMENTS).then().statusCode(200);
        given().get(agreement).then().statusCode(200).body("version", equalTo(1));
        given().get(agreement + "/items/1").then().statusCode(200);
    }

    @Test
    void editorsWriteAgreementsOfTheirJurisdictionsWalkingUpParents() {
        String gyeonggiEditor = Tokens.editor(w.gyeonggiSlug);
        String jeonbukEditor = Tokens.editor(w.jeonbukSlug);
        ObjectNode body = Api.gyeonggiGwangju(w, null);

        // a party's editor registers it; an outsider may not
        Problems.assertProblem(Api.as(jeonbukEditor).body(body.toString()).post(Api.AGREEMENTS).then(), 403, "forbidden")
                .body("detail", containsString(w.gyeonggiSlug));
        String id = Api.as(gyeonggiEditor).body(body.toString()).post(Api.AGREEMENTS).then().statusCode(201).extract().path("id");
        String agreement = Api.AGREEMENTS + "/" + id;
        // jurisdictions walk up the parents learned from officials-service: the editor of the country
        // Gyeonggi and Gwangju belong to may write it; an editor of unrelated places may not
        Api.as(Tokens.editor("some-other-place", "korea-nowhere")).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"signingEventId\": \"" + w.signingEvent + "\"}").patch(agreement).then().statusCode(403);
        String koreaSlug = (String) w.officials.column("known_organization", "slug", w.korea);
        Api.as(Tokens.editor(koreaSlug)).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"signingEventId\": \"" + w.signingEvent + "\"}").patch(agreement).then().statusCode(200);

        // outside the jurisdictions, no write route is open
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"2\"").body(body.toString()).put(agreement).then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"kind\": \"mou\"}").patch(agreement).then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"2\"").body("{\"to\": \"in_force\"}")
                .post(agreement + "/transitions").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"2\"").delete(agreement).then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).body(Api.item(9, "항목", "Item", "other").toString())
                .post(agreement + "/items").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"1\"").body(Api.item(1, "항목", "Item", "other").toString())
                .put(agreement + "/items/1").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(jeonbukEditor).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"status\": \"done\"}").patch(agreement + "/items/1").then(), 403, "forbidden");
        // nor may a party's editor hand the agreement over to parties outside their jurisdictions
        ObjectNode movedAway = Api.agreement(null, "시험 협약", "Test agreement", "mou", null, "2023-10-12", Api.party(w.jeonbuk),
                Api.party(w.jeonnam));
        Problems.assertProblem(Api.as(gyeonggiEditor).header("If-Match", "\"2\"").body(movedAway.toString()).put(agreement).then(),
                403, "forbidden");
        given().get(agreement).then().body("version", equalTo(2)).body("parties[0].organizationId", equalTo(w.gyeonggi));

        // inside, every route is open
        Api.as(gyeonggiEditor).header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"status\": \"done\"}")
                .patch(agreement + "/items/1").then().statusCode(200);
        Api.as(Tokens.editor(w.gwangjuSlug)).header("If-Match", "\"3\"").body("{\"to\": \"in_force\"}")
                .post(agreement + "/transitions").then().statusCode(200);
        Api.as(gyeonggiEditor).header("If-Match", "\"4\"").delete(agreement).then().statusCode(200);
        // admin writes anything
        Api.admin().body(movedAway.toString()).post(Api.AGREEMENTS).then().statusCode(201);
    }
}
