package org.civicregistry.events;

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


/**
 * Editors of two jurisdictions, Gwangju and Gyeonggi, walk every write route of events and every
 * link an event makes (organizer, participants, agreement). An event is its organizer's: a write on
 * the other's is a 403 problem that leaves it at its version, and listing the other's people or
 * agreements is allowed and gives neither side power over the other's events.
 */
@EventsTest
class TwoJurisdictionsTest {

    private static final String EVENTS = "/api/v1/events/";
    private static final String MERGE = "application/merge-patch+json";

    /** One jurisdiction: its token, its top organization, an office under it, a person and an agreement it knows. */
    record Side(String slug, String token, String top, String office, String person, String agreement) {
    }

    private Side gwangju;
    private Side gyeonggi;

    @BeforeEach
    void twoJurisdictions() {
        gwangju = side("gwangju", "광주광역시", "metropolitan_city");
        gyeonggi = side("gyeonggi", "경기도", "province");
    }

    @Test
    void eachEditorChangesMovesAndArchivesOnlyTheEventsTheirJurisdictionOrganizes() {
        for (Side[] pair : new Side[][] { { gwangju, gyeonggi }, { gyeonggi, gwangju } }) {
            Side editor = pair[0];
            Side other = pair[1];
            String event = create(other.token(), Api.event(other.office()));
            refused(editor.token(), "PATCH", EVENTS + event, MERGE, "{\"type\": \"press_conference\"}", 1);
            refused(editor.token(), "PUT", EVENTS + event, "application/json", Api.event(other.office()).type("press_conference").toString(), 1);
            refused(editor.token(), "POST", EVENTS + event + "/transitions", "application/json", "{\"to\": \"cancelled\"}", 1);
            refused(editor.token(), "DELETE", EVENTS + event, null, null, 1);
            refused(editor.token(), "POST", EVENTS + event + "/restore", null, null, 1);

            allowed(other.token(), "PATCH", EVENTS + event, MERGE, "{\"type\": \"press_conference\"}", 1);
            allowed(other.token(), "PUT", EVENTS + event, "application/json", Api.event(other.office()).toString(), 2);
            allowed(other.token(), "POST", EVENTS + event + "/transitions", "application/json", "{\"to\": \"confirmed\"}", 3);
            allowed(other.token(), "DELETE", EVENTS + event, null, null, 4);
        }
    }

    @Test
    void anEditorMayListTheOthersPeopleAndAgreementsButGainsNoPowerFromThem() {
        // Gwangju's event with Gyeonggi's person as a guest, on Gyeonggi's agreement: Gwangju's to make
        String event = create(gwangju.token(), Api.event(gwangju.office()).participant(gyeonggi.person(), "guest")
                .agreement(gyeonggi.agreement()));
        // and still only Gwangju's: neither the participant nor the agreement gives Gyeonggi a say
        refused(gyeonggi.token(), "PATCH", EVENTS + event, MERGE, "{\"participants\": []}", 1);
        refused(gyeonggi.token(), "DELETE", EVENTS + event, null, null, 1);
        // the other way round: Gyeonggi lists Gwangju's person; Gwangju gains nothing over Gyeonggi's event
        String theirs = create(gyeonggi.token(), Api.event(gyeonggi.office()).participant(gwangju.person(), "speaker"));
        refused(gwangju.token(), "PATCH", EVENTS + theirs, MERGE, "{\"participants\": []}", 1);
        refused(gwangju.token(), "PUT", EVENTS + theirs, "application/json", Api.event(gyeonggi.office()).toString(), 1);
    }

    @Test
    void movingAnEventToAnotherOrganizerNeedsAuthorityOverTheOldAndTheNewOne() {
        String ours = create(gwangju.token(), Api.event(gwangju.office()));
        String theirs = create(gyeonggi.token(), Api.event(gyeonggi.office()));
        refused(gwangju.token(), "PATCH", EVENTS + ours, MERGE, "{\"organizerId\": \"" + gyeonggi.office() + "\"}", 1);
        refused(gwangju.token(), "PUT", EVENTS + ours, "application/json", Api.event(gyeonggi.top()).toString(), 1);
        refused(gwangju.token(), "PATCH", EVENTS + theirs, MERGE, "{\"organizerId\": \"" + gwangju.office() + "\"}", 1);
        Problems.assertProblem(Api.as(gwangju.token()).body(Api.event(gyeonggi.office()).toString()).post("/api/v1/events").then(),
                403, "forbidden");
        given().queryParam("organization", gyeonggi.top()).get("/api/v1/events").then().body("items.id.size()", equalTo(1));

        allowed(gwangju.token(), "PATCH", EVENTS + ours, MERGE, "{\"organizerId\": \"" + gwangju.top() + "\"}", 1);
        allowed(Tokens.editor(gwangju.slug(), gyeonggi.slug()), "PATCH", EVENTS + ours, MERGE,
                "{\"organizerId\": \"" + gyeonggi.office() + "\"}", 2);
        given().get(EVENTS + ours).then().body("organizerId", equalTo(gyeonggi.office()));
    }

    @Test
    void onlyAnAdminRestoresAnArchivedEventWithHistoryAndEvent() {
        String event = create(gwangju.token(), Api.event(gwangju.office()));
        allowed(gwangju.token(), "DELETE", EVENTS + event, null, null, 1);
        refused(gwangju.token(), "POST", EVENTS + event + "/restore", null, null, 2);
        // no If-Match, on purpose: the request breaks the contract, the 428 answer keeps it
        Problems.assertProblem(given().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin())
                .post(EVENTS + event + "/restore").then(), 428, "precondition-required");
        given().auth().oauth2(Tokens.admin()).header("If-Match", "\"2\"").post(EVENTS + event + "/restore").then().statusCode(200)
                .header("ETag", "\"3\"").body("recordStatus", equalTo("active")).body("version", equalTo(3));
        given().get(EVENTS + event + "/history").then().body("items.type", hasItem("civic.event.restored"));
        allowed(gwangju.token(), "PATCH", EVENTS + event, MERGE, "{\"type\": \"press_conference\"}", 3);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Side side(String name, String ko, String classification) {
        String slug = Api.unique(name);
        String top = Upstream.organization(slug, ko, name, classification, null);
        String office = Upstream.organization(Api.unique(name + "-office"), ko + "청", name + " office", "executive", top);
        String person = Upstream.person(Api.unique(name + "-person"), ko + " 사람", name + " person");
        String agreement = Upstream.agreement(Api.unique(name + "-agreement"), "협약", "Agreement", "2023-10-12", top);
        return new Side(slug, Tokens.editor(slug), top, office, person, agreement);
    }

    private static String create(String token, Api.EventBody body) {
        return Api.as(token).body(body.toString()).post("/api/v1/events").then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
    }

    /** The write is a 403 problem, and the event is still at {@code version}. */
    private static void refused(String token, String method, String path, String contentType, String body, int version) {
        ConditionalWrites.refused(token, method, path, contentType, body, version, path.replaceAll("/(transitions|restore)$", ""));
    }
}
