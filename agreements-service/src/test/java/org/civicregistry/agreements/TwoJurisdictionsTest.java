package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Editors of two jurisdictions, Gwangju and Gyeonggi, walk every write route of agreements and
 * items, and every way of changing an agreement's parties. A write on an agreement none of whose
 * parties is theirs is a 403 problem that leaves it at its version; a party's entry is that party's
 * to change or remove, though any party's editor may add another party (a link).
 */
@AgreementsTest
class TwoJurisdictionsTest {

    private static final String MERGE = "application/merge-patch+json";

    private static World world;

    @Inject
    AgroalDataSource dataSource;

    private World w;
    private String gwangjuEditor;
    private String gyeonggiEditor;

    @BeforeEach
    void seed() {
        synchronized (TwoJurisdictionsTest.class) {
            if (world == null) {
                world = new World(dataSource);
            }
        }
        w = world;
        gwangjuEditor = Tokens.editor(w.gwangjuSlug);
        gyeonggiEditor = Tokens.editor(w.gyeonggiSlug);
    }

    @Test
    void eachEditorWritesOnlyTheAgreementsOfTheirOwnParties() {
        String[][] sides = { { gwangjuEditor, w.gyeonggi, gyeonggiEditor }, { gyeonggiEditor, w.gwangju, gwangjuEditor } };
        for (String[] side : sides) {
            String outsider = side[0];
            String party = side[1];
            String insider = side[2];
            String agreement = Api.AGREEMENTS + "/" + Api.create(draft(party));
            refused(outsider, "PATCH", agreement, MERGE, "{\"kind\": \"mou\"}", 1, agreement);
            refused(outsider, "PUT", agreement, "application/json", draft(party).put("kind", "mou").toString(), 1, agreement);
            refused(outsider, "POST", agreement + "/transitions", "application/json",
                    "{\"to\": \"signed\", \"signedOn\": \"2024-01-02\"}", 1, agreement);
            refused(outsider, "DELETE", agreement, null, null, 1, agreement);
            refused(outsider, "POST", agreement + "/items", "application/json", Api.item(2, "새 항목", "New", "other").toString(),
                    null, agreement);
            refused(outsider, "PUT", agreement + "/items/1", "application/json", Api.item(1, "바뀐 항목", "Changed", "other").toString(),
                    1, agreement);
            refused(outsider, "PATCH", agreement + "/items/1", MERGE, "{\"status\": \"done\"}", 1, agreement);
            given().get(agreement + "/items/2").then().statusCode(404);

            allowed(insider, "PATCH", agreement, MERGE, "{\"kind\": \"mou\"}", 1, 200);
            allowed(insider, "PUT", agreement, "application/json", draft(party).put("kind", "mou").toString(), 2, 200);
            allowed(insider, "POST", agreement + "/items", "application/json", Api.item(2, "새 항목", "New", "other").toString(),
                    null, 201);
            allowed(insider, "PATCH", agreement + "/items/1", MERGE, "{\"status\": \"done\"}", 1, 200);
            allowed(insider, "POST", agreement + "/transitions", "application/json",
                    "{\"to\": \"signed\", \"signedOn\": \"2024-01-02\"}", 5, 200);
            allowed(insider, "DELETE", agreement, null, null, 6, 200);
        }
    }

    @Test
    void aPartysEditorMayLinkAnotherPartyButNotDropOrRewriteAnotherPartysEntry() {
        String agreement = Api.AGREEMENTS + "/" + Api.create(Api.gyeonggiGwangju(w, null));
        String gyeonggiSigned = Api.party(w.gyeonggi, w.kimDongYeon, w.governor).toString();
        String gwangjuSigned = Api.party(w.gwangju, w.kangKiJung, w.mayor).toString();

        // dropping Gyeonggi, by PATCH or PUT
        refused(gwangjuEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + gwangjuSigned + "]}", 1, agreement);
        ObjectNode withoutGyeonggi = Api.gyeonggiGwangju(w, null);
        withoutGyeonggi.withArray("parties").remove(0);
        refused(gwangjuEditor, "PUT", agreement, "application/json", withoutGyeonggi.toString(), 1, agreement);
        // saying who signed for Gyeonggi, or in which role it took part
        refused(gwangjuEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + Api.party(w.gyeonggi) + ", " + gwangjuSigned + "]}",
                1, agreement);
        refused(gwangjuEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + Api.party(w.gyeonggi, w.kimDongYeon, w.governor)
                .put("role", "host") + ", " + gwangjuSigned + "]}", 1, agreement);
        given().get(agreement).then().body("parties.size()", equalTo(2)).body("parties[0].role", equalTo("party"));

        // an outsider cannot add their own jurisdiction to gain the agreement
        String jeonbukEditor = Tokens.editor(w.jeonbukSlug);
        refused(jeonbukEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + gyeonggiSigned + ", " + gwangjuSigned + ", "
                + Api.party(w.jeonbuk) + "]}", 1, agreement);

        // Gwangju's own entry is Gwangju's to change, and it may link Jeonbuk as a further party
        allowed(gwangjuEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + gyeonggiSigned + ", "
                + Api.party(w.gwangju, w.kangKiJung, w.mayor).put("role", "host") + ", " + Api.party(w.jeonbuk) + "]}", 1, 200);
        // which makes Jeonbuk a co-owner that Gwangju may not drop again; nor may Jeonbuk's editor alone, who would
        // hand the agreement to parties they have no authority over: an editor of both (or an admin) may
        String withoutJeonbuk = "{\"parties\": [" + gyeonggiSigned + ", " + Api.party(w.gwangju, w.kangKiJung, w.mayor)
                .put("role", "host") + "]}";
        refused(gwangjuEditor, "PATCH", agreement, MERGE, withoutJeonbuk, 2, agreement);
        refused(jeonbukEditor, "PATCH", agreement, MERGE, withoutJeonbuk, 2, agreement);
        allowed(Tokens.editor(w.gwangjuSlug, w.jeonbukSlug), "PATCH", agreement, MERGE, "{\"parties\": [" + gyeonggiSigned + ", "
                + Api.party(w.gwangju, w.kangKiJung, w.mayor).put("role", "host") + "]}", 2, 200);
    }

    @Test
    void movingAnAgreementToAnotherJurisdictionsPartiesNeedsAuthorityOverBoth() {
        String agreement = Api.AGREEMENTS + "/" + Api.create(draft(w.gwangju));
        refused(gwangjuEditor, "PATCH", agreement, MERGE, "{\"parties\": [" + Api.party(w.gyeonggi) + "]}", 1, agreement);
        refused(gwangjuEditor, "PUT", agreement, "application/json", draft(w.gyeonggi).toString(), 1, agreement);
        refused(gyeonggiEditor, "PUT", agreement, "application/json", draft(w.gyeonggi).toString(), 1, agreement);
        // creating: at least one party must be the editor's own; the others are links
        Problems.assertProblem(Api.as(gwangjuEditor).body(draft(w.gyeonggi).toString()).post(Api.AGREEMENTS).then(), 403, "forbidden");
        Api.as(gwangjuEditor).body(Api.agreement(null, "협약", "Agreement", "mou", null, null, Api.party(w.gwangju),
                Api.party(w.gyeonggi)).toString()).post(Api.AGREEMENTS).then().statusCode(201);
        // an editor of both may move it
        allowed(Tokens.editor(w.gwangjuSlug, w.gyeonggiSlug), "PATCH", agreement, MERGE, "{\"parties\": [" + Api.party(w.gyeonggi) + "]}",
                1, 200);
        given().get(agreement).then().body("parties[0].organizationId", equalTo(w.gyeonggi));
    }

    @Test
    void onlyAnAdminRestoresAnArchivedAgreementWithHistoryAndEvent() {
        String agreement = Api.AGREEMENTS + "/" + Api.create(draft(w.gwangju));
        allowed(gwangjuEditor, "DELETE", agreement, null, null, 1, 200);
        refused(gwangjuEditor, "POST", agreement + "/restore", null, null, 2, agreement);
        refused(gyeonggiEditor, "POST", agreement + "/restore", null, null, 2, agreement);
        // no If-Match, on purpose: the request breaks the contract, the 428 answer keeps it
        Problems.assertProblem(given().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).post(agreement + "/restore")
                .then(), 428, "precondition-required");
        given().auth().oauth2(Tokens.admin()).header("If-Match", "\"2\"").post(agreement + "/restore").then().statusCode(200)
                .header("ETag", "\"3\"").body("status", equalTo("draft")).body("version", equalTo(3));
        given().get(agreement + "/history").then().body("items.type", hasItem("civic.agreement.restored"));
        allowed(gwangjuEditor, "PATCH", agreement, MERGE, "{\"kind\": \"mou\"}", 3, 200);
    }

    /** A draft with one party and one item. */
    private static ObjectNode draft(String party) {
        ObjectNode body = Api.agreement(null, "시험 협약", "Test agreement", "mutual_development", null, null, Api.party(party));
        body.withArray("items").add(Api.item(1, "항목", "Item", "other"));
        return body;
    }

    /** The write is a 403 problem, and the agreement is still at the version it had. */
    private static void refused(String token, String method, String path, String contentType, String body, Integer ifMatch,
            String agreement) {
        int before = given().get(agreement).then().statusCode(200).extract().path("version");
        Problems.assertProblem(send(token, method, path, contentType, body, ifMatch), 403, "forbidden");
        given().get(agreement).then().statusCode(200).header("ETag", "\"" + before + "\"").body("version", equalTo(before));
    }

    private static void allowed(String token, String method, String path, String contentType, String body, Integer ifMatch, int status) {
        send(token, method, path, contentType, body, ifMatch).statusCode(status);
    }

    private static ValidatableResponse send(String token, String method, String path, String contentType, String body, Integer ifMatch) {
        RequestSpecification request = given().auth().oauth2(token);
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (contentType != null) {
            request.contentType(contentType).body(body);
        }
        return request.request(method, path).then().log().ifValidationFails();
    }
}
