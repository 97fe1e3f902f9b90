package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Reads are public; writes need a valid token; an editor writes events organized in their
 * jurisdictions, walking up the organization tree this service learned from civic.officials.v1.
 */
@EventsTest
class AuthorizationTest {

    @Test
    void writesNeedAValidTokenReadsDoNot() {
        String body = Api.event(World.get().gwangju).toString();
        Problems.assertWritesNeedAValidToken("/api/v1/events", body);
        String id = Api.event(World.get().gwangju).create();
        Problems.assertProblem(given().contentType("application/json").header("If-Match", "\"1\"").body("{\"to\": \"cancelled\"}")
                .post("/api/v1/events/" + id + "/transitions").then(), 401, "unauthorized");
        given().get("/api/v1/events").then().statusCode(200);
        given().get("/api/v1/events/" + id).then().statusCode(200);
        given().get("/api/v1/events/" + id + "/history").then().statusCode(200);
        given().get("/api/v1/events/calendar.ics").then().statusCode(200);
    }

    @Test
    void editorsWriteEventsOrganizedInTheirJurisdictionsWalkingUpParents() {
        String gwangjuSlug = Api.unique("gwangju");
        String gyeonggiSlug = Api.unique("gyeonggi");
        String gwangju = Upstream.organization(gwangjuSlug, "광주광역시", "Gwangju", "metropolitan_city", null);
        String gyeonggi = Upstream.organization(gyeonggiSlug, "경기도", "Gyeonggi", "province", null);
        String officeSlug = Api.unique("planning-office");
        String office = Upstream.organization(officeSlug, "기획조정실", "Planning and Coordination Office", "government_agency", gwangju);
        String gwangjuEditor = Tokens.editor(gwangjuSlug);
        String gyeonggiEditor = Tokens.editor(gyeonggiSlug);

        // inside: an event of an office under Gwangju
        String id = Api.as(gwangjuEditor).body(Api.event(office).type("task_force_meeting").toString()).post("/api/v1/events")
                .then().statusCode(201).extract().path("id");
        // outside: Gyeonggi's editor may not create, change, move, cancel or archive it
        Problems.assertProblem(Api.as(gyeonggiEditor).body(Api.event(office).toString()).post("/api/v1/events").then(), 403, "forbidden");
        Problems.assertProblem(Api.mergePatch(gyeonggiEditor, 1).body("{\"type\": \"meeting\"}").patch("/api/v1/events/" + id).then(),
                403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggiEditor).header("If-Match", "\"1\"").body("{\"to\": \"cancelled\"}")
                .post("/api/v1/events/" + id + "/transitions").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggiEditor).header("If-Match", "\"1\"").body(Api.event(office).toString())
                .put("/api/v1/events/" + id).then(), 403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggiEditor).header("If-Match", "\"1\"").delete("/api/v1/events/" + id).then(), 403, "forbidden");
        // nor may Gwangju's editor hand the event to Gyeonggi
        Problems.assertProblem(Api.mergePatch(gwangjuEditor, 1).body("{\"organizerId\": \"" + gyeonggi + "\"}")
                .patch("/api/v1/events/" + id).then(), 403, "forbidden");
        given().get("/api/v1/events/" + id).then().body("version", equalTo(1)).body("organizerId", equalTo(office));
        Api.as(gwangjuEditor).header("If-Match", "\"1\"").body("{\"to\": \"confirmed\"}").post("/api/v1/events/" + id + "/transitions")
                .then().statusCode(200);

        // the tree is the read model's: when the office moves under Gyeonggi, so does the right to write its events
        Upstream.organizationVersion(office, 2, "updated", officeSlug, "기획조정실", "Planning and Coordination Office",
                "government_agency", gyeonggi);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("organization", gyeonggiSlug).get("/api/v1/events")
                .jsonPath().getList("items.id").contains(id));
        Problems.assertProblem(Api.mergePatch(gwangjuEditor, 2).body("{\"type\": \"meeting\"}").patch("/api/v1/events/" + id).then(),
                403, "forbidden");
        Api.mergePatch(gyeonggiEditor, 2).body("{\"type\": \"meeting\"}").patch("/api/v1/events/" + id).then().statusCode(200);

        // admin writes anything
        Api.mergePatch(Tokens.admin(), 3).body("{\"organizerId\": \"" + gwangju + "\"}").patch("/api/v1/events/" + id).then().statusCode(200);
    }
}
