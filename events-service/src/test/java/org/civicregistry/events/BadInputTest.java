package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.civicregistry.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of bad input gets a clear problem+json 4xx that names what is wrong, and writes nothing:
 * neither the event, nor its history, nor an event in the outbox.
 */
@EventsTest
@Contract.ResponsesOnly
class BadInputTest {

    /** {org}, {person}, {post} are records the read models know; {unknown} is an id nobody knows. */
    static final String BASE = "\"title\": {\"ko\": \"일정\"}, \"type\": \"meeting\", \"organizerId\": \"{org}\"";

    @Inject
    AgroalDataSource dataSource;

    long rowsBefore;

    @BeforeEach
    void countRows() throws SQLException {
        World.get();
        rowsBefore = rows();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "end before start         | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"endsAt\": \"2023-10-12T16:00:00+09:00\"} | 400 | validation | endsAt",
            "end at start             | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"endsAt\": \"2023-10-12T08:00:00Z\"} | 400 | validation | endsAt",
            "unknown time zone        | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"timeZone\": \"Asia/Gwangju\"} | 400 | validation | timeZone",
            "offset is not a zone     | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"timeZone\": \"+09:00\"} | 400 | validation | timeZone",
            "time zone not text       | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"timeZone\": 9} | 400 | malformed-body | timeZone",
            "start without offset     | {BASE, \"startsAt\": \"2023-10-12T17:00:00\"} | 400 | malformed-body | startsAt",
            "start not a time         | {BASE, \"startsAt\": \"tomorrow at five\"} | 400 | malformed-body | startsAt",
            "impossible date          | {BASE, \"startsAt\": \"2023-02-30T17:00:00+09:00\"} | 400 | malformed-body | startsAt",
            "fraction of a second     | {BASE, \"startsAt\": \"2023-10-12T17:00:00.5+09:00\"} | 400 | validation | startsAt",
            "missing start            | {BASE} | 400 | validation | startsAt",
            "all-day at 17:00         | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"allDay\": true} | 400 | validation | startsAt",
            "all-day flag not boolean | {BASE, \"startsAt\": \"2023-10-12T00:00:00+09:00\", \"allDay\": \"yes\"} | 400 | malformed-body | allDay",
            "missing title            | {\"type\": \"meeting\", \"organizerId\": \"{org}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | validation | title",
            "blank title              | {\"title\": {\"ko\": \" \"}, \"type\": \"meeting\", \"organizerId\": \"{org}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | validation | title.ko",
            "number for text          | {\"title\": {\"ko\": 42}, \"type\": \"meeting\", \"organizerId\": \"{org}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | malformed-body | title.ko",
            "unknown type             | {\"title\": {\"ko\": \"일정\"}, \"type\": \"party\", \"organizerId\": \"{org}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | malformed-body | type",
            "missing organizer        | {\"title\": {\"ko\": \"일정\"}, \"type\": \"meeting\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | validation | organizerId",
            "organizer not a UUID     | {\"title\": {\"ko\": \"일정\"}, \"type\": \"meeting\", \"organizerId\": \"gwangju\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 400 | malformed-body | organizerId",
            "latitude out of range    | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"location\": {\"name\": {\"ko\": \"조선대학교\"}, \"lat\": 95.0, \"lon\": 126.93}} | 400 | validation | location.lat",
            "latitude without lon     | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"location\": {\"name\": {\"ko\": \"조선대학교\"}, \"lat\": 35.14}} | 400 | validation | location.lon",
            "location without name    | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"location\": {\"lat\": 35.14, \"lon\": 126.93}} | 400 | validation | location.name",
            "participant without role | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{person}\"}]} | 400 | validation | participants[0].role",
            "unknown role             | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{person}\", \"role\": \"king\"}]} | 400 | malformed-body | participants[0].role",
            "same person twice        | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{person}\", \"role\": \"host\"}, {\"personId\": \"{person}\", \"role\": \"guest\"}]} | 400 | validation | participants[1].personId",
            "new event cancelled      | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"status\": \"cancelled\"} | 400 | validation | status",
            "bad slug                 | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"slug\": \"Chosun Lecture\"} | 400 | validation | slug",
            "unknown organizer        | {\"title\": {\"ko\": \"일정\"}, \"type\": \"meeting\", \"organizerId\": \"{unknown}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 422 | unknown-reference | organizerId",
            "unknown participant      | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{unknown}\", \"role\": \"speaker\"}]} | 422 | unknown-reference | participants[0].personId",
            "second one unknown       | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{person}\", \"role\": \"host\"}, {\"personId\": \"{unknown}\", \"role\": \"guest\"}]} | 422 | unknown-reference | participants[1].personId",
            "unknown post             | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"participants\": [{\"personId\": \"{person}\", \"role\": \"host\", \"postId\": \"{unknown}\"}]} | 422 | unknown-reference | participants[0].postId",
            "person as organizer      | {\"title\": {\"ko\": \"일정\"}, \"type\": \"meeting\", \"organizerId\": \"{person}\", \"startsAt\": \"2023-10-12T17:00:00+09:00\"} | 422 | unknown-reference | organizerId",
            "unknown agreement        | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"agreementId\": \"{unknown}\"} | 422 | unknown-reference | agreementId",
            "malformed JSON           | {\"title\": {\"ko\": \"일정\" | 400 | malformed-body | ",
            "not an object            | [1, 2, 3] | 400 | malformed-body | ",
            "duplicate keys           | {BASE, \"startsAt\": \"2023-10-12T17:00:00+09:00\", \"startsAt\": \"2023-10-13T17:00:00+09:00\"} | 400 | malformed-body | ",
    })
    void eventBodies(String name, String body, int status, String type, String field) throws SQLException {
        World world = World.get();
        String json = body.replace("BASE", BASE)
                .replace("{org}", world.gwangju).replace("{person}", world.kangKiJung).replace("{unknown}", UUID.randomUUID().toString());
        ValidatableResponse response = Api.admin().body(json).post("/api/v1/events").then().log().ifValidationFails();
        assertProblem(response, status, type);
        if (field != null) {
            response.body("violations.field", hasItem(field));
        }
        assertThat(rows()).as("nothing written").isEqualTo(rowsBefore);
    }

    @Test
    void parametersOfListsAndFeeds() {
        World.get();
        for (String path : new String[] { "/api/v1/events", "/api/v1/events/calendar.ics" }) {
            badParameter(given().queryParam("from", "2023-01-01").queryParam("to", "2024-06-01").get(path).then(), "to");
            badParameter(given().queryParam("from", "2023-10-12T17:00:00+09:00").queryParam("to", "2023-10-12T08:00:00Z").get(path).then(), "to");
            badParameter(given().queryParam("from", "2023-10-13").queryParam("to", "2023-10-12T00:00:00+09:00").get(path).then(), "to");
            badParameter(given().queryParam("from", "yesterday").get(path).then(), "from");
            badParameter(given().queryParam("to", "2023-13-01").get(path).then(), "to");
            badParameter(given().queryParam("upcoming", "true").queryParam("from", "2023-10-12").get(path).then(), "upcoming");
            badParameter(given().queryParam("upcoming", "soon").get(path).then(), "upcoming");
            if (path.equals("/api/v1/events")) {
                badParameter(given().queryParam("sort", "title").get(path).then(), "sort");
            }
            badParameter(given().queryParam("status", "archived").get(path).then(), "status");
            badParameter(given().queryParam("status", "scheduled,,confirmed").get(path).then(), "status");
            badParameter(given().queryParam("type", "party").get(path).then(), "type");
            badParameter(given().queryParam("participant", "nobody-by-that-name").get(path).then(), "participant");
            badParameter(given().queryParam("organization", UUID.randomUUID().toString()).get(path).then(), "organization");
            badParameter(given().queryParam("agreement", "0193a3c4-xxxx-7f80-9a1b-2c3d4e5f6a7b").get(path).then(), "agreement");
            badParameter(given().queryParam("updatedSince", "last week").get(path).then(), "updatedSince");
            badParameter(given().queryParam("q", "x".repeat(201)).get(path).then(), "q");
            badParameter(given().queryParam("lang", "Korean!").get(path).then(), "lang");
            badParameter(given().queryParam("recordStatus", "deleted").get(path).then(), "recordStatus");
        }
        badParameter(given().queryParam("limit", 0).get("/api/v1/events").then(), "limit");
        badParameter(given().queryParam("limit", 201).get("/api/v1/events").then(), "limit");
        badParameter(given().queryParam("cursor", "garbage!").get("/api/v1/events").then(), "cursor");
        badParameter(given().queryParam("cursor", cursor("c1\u001fnot-a-time\u001f" + UUID.randomUUID())).get("/api/v1/events").then(), "cursor");
        badParameter(given().queryParam("cursor", cursor("c1\u001f2023-10-12T08:00:00Z\u001fnot-a-uuid")).get("/api/v1/events").then(), "cursor");
        given().queryParam("q", "'; drop table event; --").get("/api/v1/events").then().statusCode(200);

        badParameter(given().get("/api/v1/events/not-a-uuid").then(), "id");
        badParameter(given().get("/api/v1/events/not-a-uuid/calendar.ics").then(), "id");
        assertProblem(given().get("/api/v1/events/" + UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().get("/api/v1/events/" + UUID.randomUUID() + "/calendar.ics").then(), 404, "not-found");
        assertProblem(given().get("/api/v1/events/" + UUID.randomUUID() + "/history").then(), 404, "not-found");
    }

    @Test
    void bodiesOfTheWrongKindOrSizeAndWritesWithoutPreconditions() throws SQLException {
        World world = World.get();
        String id = Api.event(world.gwangju).create();
        rowsBefore = rows();
        assertProblem(Api.admin().contentType("text/plain").body("hello").post("/api/v1/events").then(), 415, "unsupported-media-type");
        assertProblem(Api.admin().body("").post("/api/v1/events").then(), 400, "validation").body("violations[0].field", equalTo("body"));
        String huge = "{\"title\": {\"ko\": \"" + "가".repeat(300_000) + "\"}}";
        assertProblem(Api.admin().body(huge).post("/api/v1/events").then(), 413, "payload-too-large");
        assertProblem(Api.admin().body("{\"to\": \"cancelled\"}").post("/api/v1/events/" + id + "/transitions").then(),
                428, "precondition-required");
        assertProblem(Api.admin().header("If-Match", "\"7\"").body("{\"to\": \"cancelled\"}").post("/api/v1/events/" + id + "/transitions")
                .then(), 412, "precondition-failed");
        assertProblem(Api.admin().header("If-Match", "\"1\"").body("{}").post("/api/v1/events/" + id + "/transitions").then(),
                400, "validation").body("violations[0].field", equalTo("to"));
        assertProblem(Api.admin().contentType("application/merge-patch+json").body("{\"type\": \"meeting\"}")
                .patch("/api/v1/events/" + id).then(), 428, "precondition-required");
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"title\": null}")
                .patch("/api/v1/events/" + id).then(), 400, "validation").body("violations[0].field", equalTo("title"));
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"endsAt\": \"2023-10-12T16:00:00+09:00\"}").patch("/api/v1/events/" + id).then(), 400, "validation")
                .body("violations[0].field", equalTo("endsAt"));
        assertProblem(Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"timeZone\": \"Mars/Olympus_Mons\"}").patch("/api/v1/events/" + id).then(), 400, "validation")
                .body("violations[0].field", equalTo("timeZone"));
        given().get("/api/v1/events/" + id).then().body("version", equalTo(1));
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    private static void badParameter(ValidatableResponse response, String parameter) {
        assertProblem(response, 400, "bad-parameter").body("violations[0].field", equalTo(parameter));
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private long rows() throws SQLException {
        return Sql.count(dataSource, "select (select count(*) from event) + (select count(*) from record_history)");
    }
}
