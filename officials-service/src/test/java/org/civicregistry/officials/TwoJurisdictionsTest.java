package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.civicregistry.testsupport.ConditionalWrites.allowed;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.civicregistry.testsupport.ConditionalWrites;
import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * Editors of two jurisdictions, Gwangju and Gyeonggi, each with records of their own, walk every
 * write route and every linking path over the other's records. A write on what the other owns is a
 * 403 problem and leaves the record at its version; the same write on one's own succeeds; a link
 * (a membership of the other's person) is allowed and gives no power over what it links.
 */
@OfficialsTest
class TwoJurisdictionsTest {

    private static final String JSON = "application/json";
    private static final String MERGE = "application/merge-patch+json";

    /** One jurisdiction's records: the top organization, a part of it, a post there, a person it owns, a membership. */
    record Side(String slug, String token, String top, String part, String post, String person, String membership) {
    }

    private Side gwangju;
    private Side gyeonggi;

    @BeforeEach
    void twoJurisdictions() {
        gwangju = side("gwangju", "광주광역시", "metropolitan_city");
        gyeonggi = side("gyeonggi", "경기도", "province");
    }

    @Test
    void anEditorWhoMakesAnotherJurisdictionsGovernorAMemberGainsNoPowerOverThePerson() {
        String governor = gyeonggi.person();
        String committee = Api.organization(Api.unique("gwangju-committee"), "광주 위원회", "Gwangju committee", "committee",
                gwangju.top());

        // the link is Gwangju's to make: the membership is in Gwangju's committee
        as(gwangju.token()).body(membership(governor, null, committee)).post("/api/v1/memberships").then().statusCode(201);

        // but the governor stays Gyeonggi's: no PATCH, no PUT, no archive
        refused(gwangju.token(), "PATCH", "/api/v1/people/" + governor, MERGE, "{\"name\": {\"ko\": \"바뀐 지사\"}}", 1);
        refused(gwangju.token(), "PUT", "/api/v1/people/" + governor, JSON, "{\"name\": {\"ko\": \"바뀐 지사\"}}", 1);
        refused(gwangju.token(), "DELETE", "/api/v1/people/" + governor, null, null, 1);
        given().get("/api/v1/people/" + governor).then().body("status", equalTo("active"))
                .body("ownerOrganizationId", equalTo(gyeonggi.top()));
    }

    @Test
    void eachEditorChangesAndArchivesOnlyTheRecordsTheirJurisdictionOwns() {
        for (Side[] pair : new Side[][] { { gwangju, gyeonggi }, { gyeonggi, gwangju } }) {
            Side editor = pair[0];
            Side other = pair[1];
            refused(editor.token(), "PATCH", "/api/v1/organizations/" + other.part(), MERGE, "{\"name\": {\"en\": \"Renamed\"}}", 1);
            refused(editor.token(), "PUT", "/api/v1/organizations/" + other.part(), JSON, organization(null, other.top()), 1);
            refused(editor.token(), "DELETE", "/api/v1/organizations/" + other.part(), null, null, 1);
            refused(editor.token(), "PATCH", "/api/v1/organizations/" + other.top(), MERGE, "{\"name\": {\"en\": \"Renamed\"}}", 1);
            refused(editor.token(), "PATCH", "/api/v1/posts/" + other.post(), MERGE, "{\"role\": \"chair\"}", 1);
            refused(editor.token(), "PUT", "/api/v1/posts/" + other.post(), JSON, post(other.part()), 1);
            refused(editor.token(), "DELETE", "/api/v1/posts/" + other.post(), null, null, 1);
            refused(editor.token(), "PATCH", "/api/v1/people/" + other.person(), MERGE, "{\"birthDate\": \"1970\"}", 1);
            refused(editor.token(), "PUT", "/api/v1/people/" + other.person(), JSON, "{\"name\": {\"ko\": \"바뀐 이름\"}}", 1);
            refused(editor.token(), "DELETE", "/api/v1/people/" + other.person(), null, null, 1);
            refused(editor.token(), "PATCH", "/api/v1/memberships/" + other.membership(), MERGE, "{\"acting\": true}", 1);
            refused(editor.token(), "PUT", "/api/v1/memberships/" + other.membership(), JSON,
                    membership(other.person(), other.post(), null), 1);
            refused(editor.token(), "DELETE", "/api/v1/memberships/" + other.membership(), null, null, 1);
        }
        for (Side own : new Side[] { gwangju, gyeonggi }) {
            allowed(own.token(), "PATCH", "/api/v1/organizations/" + own.part(), MERGE, "{\"name\": {\"en\": \"Renamed\"}}", 1);
            allowed(own.token(), "PUT", "/api/v1/organizations/" + own.part(), JSON, organization(null, own.top()), 2);
            allowed(own.token(), "PATCH", "/api/v1/posts/" + own.post(), MERGE, "{\"role\": \"chair\"}", 1);
            allowed(own.token(), "PUT", "/api/v1/posts/" + own.post(), JSON, post(own.part()), 2);
            allowed(own.token(), "PATCH", "/api/v1/people/" + own.person(), MERGE, "{\"birthDate\": \"1970\"}", 1);
            allowed(own.token(), "PUT", "/api/v1/people/" + own.person(), JSON, "{\"name\": {\"ko\": \"바뀐 이름\"}}", 2);
            given().get("/api/v1/people/" + own.person()).then().body("ownerOrganizationId", equalTo(own.top()));
            allowed(own.token(), "PATCH", "/api/v1/memberships/" + own.membership(), MERGE, "{\"acting\": true}", 1);
            allowed(own.token(), "PUT", "/api/v1/memberships/" + own.membership(), JSON,
                    membership(own.person(), own.post(), null), 2);
            allowed(own.token(), "DELETE", "/api/v1/memberships/" + own.membership(), null, null, 3);
            allowed(own.token(), "DELETE", "/api/v1/posts/" + own.post(), null, null, 3);
            allowed(own.token(), "DELETE", "/api/v1/people/" + own.person(), null, null, 3);
            allowed(own.token(), "DELETE", "/api/v1/organizations/" + own.part(), null, null, 3);
        }
    }

    @Test
    void anEditorCreatesRecordsOnlyInTheirOwnJurisdictionButMayLinkTheOthersPeople() {
        refusedCreate(gwangju.token(), "/api/v1/organizations", organization(Api.unique("district"), gyeonggi.top()));
        refusedCreate(gwangju.token(), "/api/v1/posts", post(gyeonggi.part()));
        refusedCreate(gwangju.token(), "/api/v1/people", "{\"name\": {\"ko\": \"새 사람\"}, \"ownerOrganizationId\": \""
                + gyeonggi.top() + "\"}");
        // a membership of one's own person in the other's post is the other's record
        refusedCreate(gwangju.token(), "/api/v1/memberships", membership(gwangju.person(), gyeonggi.post(), null));
        given().get("/api/v1/memberships?person=" + gwangju.person() + "&organization=" + gyeonggi.part())
                .then().body("items.size()", equalTo(0));

        // linking the other's person into one's own post is allowed, and the membership is one's own
        String link = as(gwangju.token()).body(membership(gyeonggi.person(), null, gwangju.part())).post("/api/v1/memberships").then().statusCode(201).extract().path("id");
        allowed(gwangju.token(), "PATCH", "/api/v1/memberships/" + link, MERGE, "{\"acting\": true}", 1);
        refused(gyeonggi.token(), "DELETE", "/api/v1/memberships/" + link, null, null, 2);

        // a person an editor creates is owned by the organization their token names
        as(gwangju.token()).body("{\"name\": {\"ko\": \"새 사람\"}}").post("/api/v1/people").then().statusCode(201)
                .body("ownerOrganizationId", equalTo(gwangju.top()));
        // with two jurisdictions the editor must say which owns the person
        Problems.assertProblem(as(Tokens.editor(gwangju.slug(), gyeonggi.slug())).body("{\"name\": {\"ko\": \"새 사람\"}}")
                .post("/api/v1/people").then(), 400, "validation").body("violations[0].field", equalTo("ownerOrganizationId"));
    }

    @Test
    void movingARecordNeedsAuthorityOverItsOldAndItsNewOwner() {
        // into the other's jurisdiction: refused, by PATCH and by PUT
        refused(gwangju.token(), "PATCH", "/api/v1/posts/" + gwangju.post(), MERGE,
                "{\"organizationId\": \"" + gyeonggi.part() + "\"}", 1);
        refused(gwangju.token(), "PUT", "/api/v1/posts/" + gwangju.post(), JSON, post(gyeonggi.part()), 1);
        refused(gwangju.token(), "PATCH", "/api/v1/memberships/" + gwangju.membership(), MERGE,
                "{\"postId\": \"" + gyeonggi.post() + "\", \"organizationId\": null}", 1);
        refused(gwangju.token(), "PUT", "/api/v1/memberships/" + gwangju.membership(), JSON,
                membership(gwangju.person(), gyeonggi.post(), null), 1);
        refused(gwangju.token(), "PATCH", "/api/v1/people/" + gwangju.person(), MERGE,
                "{\"ownerOrganizationId\": \"" + gyeonggi.top() + "\"}", 1);
        refused(gwangju.token(), "PATCH", "/api/v1/organizations/" + gwangju.part(), MERGE,
                "{\"parentId\": \"" + gyeonggi.top() + "\"}", 1);
        refused(gwangju.token(), "PUT", "/api/v1/organizations/" + gwangju.part(), JSON, organization(null, gyeonggi.top()), 1);
        // an organization owns itself, yet its editor may not put it under another jurisdiction, nor at the top
        refused(gwangju.token(), "PATCH", "/api/v1/organizations/" + gwangju.top(), MERGE,
                "{\"parentId\": \"" + gyeonggi.top() + "\"}", 1);
        refused(gwangju.token(), "PATCH", "/api/v1/organizations/" + gwangju.part(), MERGE, "{\"parentId\": null}", 1);
        // out of the other's jurisdiction into one's own: refused too
        refused(gwangju.token(), "PATCH", "/api/v1/posts/" + gyeonggi.post(), MERGE,
                "{\"organizationId\": \"" + gwangju.part() + "\"}", 1);
        refused(gwangju.token(), "PATCH", "/api/v1/organizations/" + gyeonggi.part(), MERGE,
                "{\"parentId\": \"" + gwangju.top() + "\"}", 1);
        refused(gwangju.token(), "PATCH", "/api/v1/people/" + gyeonggi.person(), MERGE,
                "{\"ownerOrganizationId\": \"" + gwangju.top() + "\"}", 1);

        // within one's own jurisdiction a move is allowed
        allowed(gwangju.token(), "PATCH", "/api/v1/posts/" + gwangju.post(), MERGE, "{\"organizationId\": \"" + gwangju.top() + "\"}", 1);
        allowed(gwangju.token(), "PATCH", "/api/v1/people/" + gwangju.person(), MERGE,
                "{\"ownerOrganizationId\": \"" + gwangju.part() + "\"}", 1);
        // and an editor of both moves between them
        allowed(Tokens.editor(gwangju.slug(), gyeonggi.slug()), "PATCH", "/api/v1/organizations/" + gwangju.part(), MERGE,
                "{\"parentId\": \"" + gyeonggi.top() + "\"}", 1);
    }

    @Test
    void onlyAnAdminRestoresAnArchivedRecordWithHistoryAndEvent() {
        String[][] records = {
                { "organizations", gwangju.part(), "organization" }, { "posts", gwangju.post(), "post" },
                { "people", gwangju.person(), "person" }, { "memberships", gwangju.membership(), "membership" } };
        for (String[] record : records) {
            String path = "/api/v1/" + record[0] + "/" + record[1];
            allowed(gwangju.token(), "DELETE", path, null, null, 1);
            refused(gwangju.token(), "POST", path + "/restore", null, null, 2);
            refused(gyeonggi.token(), "POST", path + "/restore", null, null, 2);
            given().get(path).then().body("status", equalTo("archived"));
            // no If-Match, on purpose: the request breaks the contract, the 428 answer keeps it
            Problems.assertProblem(given().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).post(path + "/restore")
                    .then(), 428, "precondition-required");
            admin().header("If-Match", "\"2\"").post(path + "/restore").then().statusCode(200)
                    .header("ETag", "\"3\"").body("status", equalTo("active")).body("version", equalTo(3));
            given().get(path + "/history").then().statusCode(200).body("items.type", hasItem("civic." + record[2] + ".restored"));
            // restoring what is active changes nothing
            admin().header("If-Match", "\"3\"").post(path + "/restore").then().statusCode(200).body("version", equalTo(3));
            // and the owner may write it again
            allowed(gwangju.token(), "DELETE", path, null, null, 3);
        }
    }

    @Test
    void aRestoredMembershipMayNotOverlapThePostsHolderSince() {
        allowed(gwangju.token(), "DELETE", "/api/v1/memberships/" + gwangju.membership(), null, null, 1);
        Api.membership(Api.person(Api.unique("successor"), "후임", "Successor"), gwangju.post(), "2030-07-01", null);
        Problems.assertProblem(admin().header("If-Match", "\"2\"").post("/api/v1/memberships/" + gwangju.membership()
                + "/restore").then(), 409, "conflict");
        given().get("/api/v1/memberships/" + gwangju.membership()).then().body("status", equalTo("archived")).body("version", equalTo(2));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A jurisdiction with an organization, a part of it, a post, a person its editor created, and a membership. */
    private static Side side(String name, String ko, String classification) {
        String slug = Api.unique(name);
        String token = Tokens.editor(slug);
        String top = Api.organization(slug, ko, name, classification, null);
        String part = Api.organization(Api.unique(name + "-office"), ko + "청", name + " office", "executive", top);
        String post = Api.post(Api.unique(name + "-head"), "장", "Head", "head", part);
        String person = as(token).body("{\"name\": {\"ko\": \"" + ko + " 사람\"}}").post("/api/v1/people").then().statusCode(201)
                .body("ownerOrganizationId", equalTo(top)).extract().path("id");
        String membership = as(token).body(membership(person, post, null)).post("/api/v1/memberships").then().statusCode(201)
                .extract().path("id");
        return new Side(slug, token, top, part, post, person, membership);
    }

    /** The write is a 403 problem, and the record is still at {@code version}. */
    private static void refused(String token, String method, String path, String contentType, String body, int version) {
        String record = path.endsWith("/restore") ? path.substring(0, path.length() - "/restore".length()) : path;
        ConditionalWrites.refused(token, method, path, contentType, body, version, record);
    }

    private static void refusedCreate(String token, String path, String body) {
        Problems.assertProblem(as(token).body(body).post(path).then(), 403, "forbidden");
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin());
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(JSON);
    }

    private static String organization(String slug, String parentId) {
        return "{" + (slug == null ? "" : "\"slug\": \"" + slug + "\", ") + "\"name\": {\"ko\": \"구\"}, \"classification\": \"district\""
                + (parentId == null ? "" : ", \"parentId\": \"" + parentId + "\"") + "}";
    }

    private static String post(String organizationId) {
        return "{\"label\": {\"ko\": \"위원\"}, \"role\": \"member\", \"organizationId\": \"" + organizationId + "\"}";
    }

    private static String membership(String person, String post, String organization) {
        return "{\"personId\": \"" + person + "\", " + (post != null ? "\"postId\": \"" + post + "\"" : "\"organizationId\": \""
                + organization + "\"") + ", \"start\": \"2030-07-01\"}";
    }
}
