package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Problems;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** The programmes collection, its initiatives and their reports, end to end through the API, on Gwangju's 2020 plan. */
@AgreementsTest
class ProgrammeApiTest extends SeededTest {

    static final String PROGRAMMES = Programmes.PROGRAMMES;

    @Test
    void createReadReplacePatchArchiveRestoreWithVersions() {
        String slug = Api.unique("gwangju-2020");
        ObjectNode body = Programmes.gwangju2020(w, slug);
        Response created = Api.admin().body(body.toString()).post(PROGRAMMES);
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("status", equalTo("announced")).body("recordStatus", equalTo("active"))
                .body("kind", equalTo("annual_plan")).body("ownerId", equalTo(w.gwangju))
                .body("period.start", equalTo("2020")).body("period.end", equalTo("2020")).body("announcedOn", equalTo("2019-12-29"))
                .body("announcedBy.personId", equalTo(w.leeYongSup)).body("announcedBy.postId", equalTo(w.mayor))
                .body("announcementEventId", nullValue())
                .body("initiatives.number", contains(1, 2, 3))
                .body("initiatives.status", contains("on_track", "planned", "completed_continuing"))
                .body("initiatives.version", contains(1, 1, 1))
                .body("initiatives[0].progress", equalTo(30)).body("initiatives[0].leadOrganizationId", equalTo(w.gwangju))
                .body("initiatives[0].budget.plannedKrw", equalTo(400_000_000_000L))
                .body("initiatives[0].targets[0].due", equalTo("2020-12")).body("initiatives[0].targets[0].met", nullValue())
                .body("initiatives[1].subItems.number", contains(1, 2, 3))
                .body("initiatives[1].subItems.status", contains("planned", "planned", "planned"))
                .body("initiatives[1].reports", empty())
                .body("statusCounts.planned", equalTo(1)).body("statusCounts.on_track", equalTo(1))
                .body("statusCounts.completed_continuing", equalTo(1)).body("statusCounts.dropped", equalTo(0));
        String id = created.path("id");
        String at = PROGRAMMES + "/" + id;
        assertThat(created.header("Location")).endsWith(at);

        given().get(at).then().statusCode(200).header("ETag", "\"1\"").body("title.ko", equalTo("2020년 광주 20대 역점시책"));
        given().header("If-None-Match", "\"1\"").get(at).then().statusCode(304);
        given().queryParam("lang", "en").get(at).then().header("ETag", "\"1-en\"").body("title.ko", nullValue())
                .body("initiatives[1].subItems[0].title.en", equalTo("Representative industry 1"));

        // PUT and PATCH need the current ETag: none is a 428, a stale one a 412
        body.putObject("summary").put("ko", "AI 중심도시").put("en", "AI hub city");
        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).body(body.toString()).put(at).then(), 428,
                "precondition-required");
        Problems.assertProblem(Api.admin().header("If-Match", "\"7\"").body(body.toString()).put(at).then(), 412, "precondition-failed");
        Api.admin().header("If-Match", "\"1\"").body(body.toString()).put(at).then().statusCode(200).header("ETag", "\"2\"")
                .body("summary.en", equalTo("AI hub city")).body("initiatives.version", contains(1, 1, 1));
        String event = w.signingEvent;
        Problems.assertProblem(Api.patch("1").body("{\"announcementEventId\": \"" + event + "\"}").patch(at).then(), 412,
                "precondition-failed");
        Api.patch("2").body("{\"announcementEventId\": \"" + event + "\"}").patch(at).then().statusCode(200).header("ETag", "\"3\"")
                .body("announcementEventId", equalTo(event)).body("summary.ko", equalTo("AI 중심도시"));

        // archived: still readable, its lifecycle kept, out of the default list, frozen until an admin restores it
        Api.admin().header("If-Match", "\"3\"").delete(at).then().statusCode(200)
                .body("recordStatus", equalTo("archived")).body("status", equalTo("announced")).body("version", equalTo(4));
        given().queryParam("slug", slug).get(PROGRAMMES).then().body("items", hasSize(0));
        given().queryParam("slug", slug).queryParam("recordStatus", "archived").get(PROGRAMMES).then().body("items.id", contains(id));
        Problems.assertProblem(Api.patch("4").body("{\"announcementEventId\": null}").patch(at).then(), 409, "conflict");
        Problems.assertProblem(Api.patch("1").body("{\"status\": \"on_hold\"}").patch(at + "/initiatives/1").then(), 409, "conflict");
        Api.admin().header("If-Match", "\"4\"").post(at + "/restore").then().statusCode(200).body("recordStatus", equalTo("active"))
                .body("version", equalTo(5));

        given().get(at + "/history").then().statusCode(200).body("items.version", contains(1, 2, 3, 4, 5))
                .body("items.type", contains("civic.programme.created", "civic.programme.updated", "civic.programme.updated",
                        "civic.programme.archived", "civic.programme.restored"))
                .body("items[1].snapshot.summary.en", equalTo("AI hub city"));
    }

    /** Programmes download whole, initiatives inside; the CSV keeps them as JSON in one column. */
    @Test
    void everyProgrammeCanBeDownloaded() throws Exception {
        String id = Programmes.create(Programmes.gwangju2020(w, null));
        String ndjson = given().get(PROGRAMMES + "/snapshot").then().statusCode(200)
                .header("Civic-Stream-Position", startsWith("civic.agreements.v1/"))
                .extract().asString();
        JsonNode programme = null;
        for (String line : ndjson.split("\n")) {
            JsonNode record = new ObjectMapper().readTree(line);
            if (record.get("id").asText().equals(id)) {
                programme = record;
            }
        }
        assertThat(programme).isNotNull();
        assertThat(programme.get("initiatives")).hasSize(3);
        String csv = given().queryParam("format", "csv").get(PROGRAMMES + "/snapshot").then().statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("title.ko", "title.en", "initiatives");
    }

    @Test
    void initiativesAreSubResourcesWithTheirOwnEtagsAndFilters() {
        ObjectNode body = Programmes.gwangju2020(w, null);
        ((ObjectNode) body.get("initiatives").get(2)).put("leadOrganizationId", w.researchInstitute);
        String id = Programmes.create(body);
        String initiatives = PROGRAMMES + "/" + id + "/initiatives";
        given().get(initiatives).then().statusCode(200).body("items.number", contains(1, 2, 3)).body("nextCursor", nullValue());
        given().queryParam("status", "on_track").get(initiatives).then().body("items.number", contains(1));
        given().queryParam("sector", "industry").get(initiatives).then().body("items.number", contains(2));
        given().queryParam("leadOrganization", w.gwangjuSlug).get(initiatives).then().body("items.number", contains(1));
        given().queryParam("leadOrganization", w.researchInstitute).get(initiatives).then().body("items.number", contains(3));
        given().queryParam("leadOrganization", "no-such-organization").get(initiatives).then().statusCode(400)
                .body("violations[0].field", equalTo("leadOrganization"));

        given().get(initiatives + "/2").then().statusCode(200).header("ETag", "\"1\"").body("subItems", hasSize(3));
        given().header("If-None-Match", "\"1\"").get(initiatives + "/2").then().statusCode(304);
        Problems.assertProblem(given().get(initiatives + "/9").then(), 404, "not-found");

        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).contentType("application/merge-patch+json").body("{\"status\": \"on_track\"}")
                .patch(initiatives + "/2").then(), 428, "precondition-required");
        Api.patch("1").body("{\"status\": \"on_track\", \"progress\": 10}").patch(initiatives + "/2").then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("on_track")).body("progress", equalTo(10)).body("subItems", hasSize(3));
        Problems.assertProblem(Api.patch("1").body("{\"progress\": 20}").patch(initiatives + "/2").then(), 412, "precondition-failed");
        // the other initiatives keep their versions; the programme has a new one
        given().get(PROGRAMMES + "/" + id).then().header("ETag", "\"2\"").body("initiatives.version", contains(1, 2, 1))
                .body("statusCounts.on_track", equalTo(2)).body("statusCounts.planned", equalTo(0));

        ObjectNode replaced = Programmes.initiative(2, "11대 대표산업 육성", "Growing the eleven representative industries", "industry")
                .put("status", "partially_done");
        Api.admin().header("If-Match", "\"2\"").body(replaced.toString()).put(initiatives + "/2").then().statusCode(200)
                .header("ETag", "\"3\"").body("status", equalTo("partially_done")).body("subItems", empty());
        // unchanged: no new version
        Api.admin().header("If-Match", "\"3\"").body(replaced.toString()).put(initiatives + "/2").then().statusCode(200)
                .header("ETag", "\"3\"");

        ObjectNode added = Programmes.initiative(4, "AI 인재 양성", "Training AI talent", "education");
        Api.admin().body(added.toString()).post(initiatives).then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", org.hamcrest.Matchers.endsWith(initiatives + "/4")).body("status", equalTo("planned"));
        Problems.assertProblem(Api.admin().body(added.toString()).post(initiatives).then(), 409, "conflict");
        given().get(PROGRAMMES + "/" + id + "/history").then().body("items.type", contains("civic.programme.created",
                "civic.programme.initiative.status_changed", "civic.programme.initiative.status_changed", "civic.programme.updated"));
    }

    @Test
    void aReportIsAppendedAndSetsTheInitiativesCurrentState() {
        String id = Programmes.create(Programmes.gwangju2020(w, null));
        String initiative = PROGRAMMES + "/" + id + "/initiatives/1";
        Response reported = Api.admin().body("{\"on\": \"2020-06-30\", \"status\": \"partially_done\", \"progress\": 45, "
                + "\"note\": {\"ko\": \"상반기\", \"en\": \"Mid-year\"}}").post(initiative + "/reports");
        reported.then().statusCode(201).header("ETag", "\"2\"").body("status", equalTo("partially_done")).body("progress", equalTo(45))
                .body("reports", hasSize(1)).body("reports[0].on", equalTo("2020-06-30")).body("reports[0].note.en", equalTo("Mid-year"));
        assertThat(reported.header("Location")).endsWith(initiative);
        // without a progress, a report keeps the current one
        Api.admin().body("{\"on\": \"2020-12-31\", \"status\": \"completed\"}").post(initiative + "/reports").then().statusCode(201)
                .body("status", equalTo("completed")).body("progress", equalTo(45)).body("reports.on", contains("2020-06-30", "2020-12-31"));
        Problems.assertProblem(Api.admin().body("{\"on\": \"2020-09-30\", \"status\": \"on_track\"}").post(initiative + "/reports")
                .then(), 400, "validation").body("violations[0].field", equalTo("on"));
        String tomorrow = LocalDate.now().plusDays(2).toString();
        Problems.assertProblem(Api.admin().body("{\"on\": \"" + tomorrow + "\", \"status\": \"on_track\"}").post(initiative + "/reports")
                .then(), 400, "validation").body("violations[0].field", equalTo("on"));
        given().get(PROGRAMMES + "/" + id).then().body("statusCounts.completed", equalTo(1)).body("statusCounts.on_track", equalTo(0))
                .body("version", equalTo(3));

        // an edit of the initiative keeps its reports; a replacement of the programme may not drop it
        Api.patch("3").body("{\"sector\": \"ai\"}").patch(initiative).then().statusCode(200).body("reports", hasSize(2));
        ObjectNode withoutIt = Programmes.gwangju2020(w, null);
        withoutIt.withArray("initiatives").remove(0);
        Problems.assertProblem(Api.admin().header("If-Match", "\"4\"").body(withoutIt.toString()).put(PROGRAMMES + "/" + id).then(),
                422, "unprocessable").body("violations[0].field", equalTo("initiatives"));
        given().get(PROGRAMMES + "/" + id + "/history").then().body("items.type", contains("civic.programme.created",
                "civic.programme.initiative.reported", "civic.programme.initiative.reported", "civic.programme.updated"));
    }

    @Test
    void filtersByOwnerKindStatusPeriodAndText() {
        World own = new World(dataSource);
        String plan = Programmes.create(Programmes.gwangju2020(own, null));
        ObjectNode pledges = Programmes.gwangju2020(own, null);
        pledges.put("kind", "pledges").put("status", "in_progress");
        pledges.putObject("period").put("start", "2022-07").put("end", "2026-06");
        pledges.putObject("title").put("ko", "민선8기 공약").put("en", "Pledges of the eighth elected term");
        pledges.putArray("initiatives");
        pledges.remove("announcedBy");
        pledges.put("announcedOn", "2022-07");
        String pledgeId = Api.unique("pledges");
        pledges.withArray("identifiers").addObject().put("scheme", "gwangju-archive").put("identifier", pledgeId);
        String pledge = Programmes.create(pledges);
        given().queryParam("identifier", "gwangju-archive:" + pledgeId).get(PROGRAMMES).then().statusCode(200)
                .body("items.id", contains(pledge));
        given().queryParam("id", pledge, plan).get(PROGRAMMES).then().body("items.id", contains(plan, pledge));
        ObjectNode gyeonggi = Programmes.gwangju2020(own, null).put("ownerId", own.gyeonggi);
        gyeonggi.remove("announcedBy");
        gyeonggi.remove("period");
        String openEnded = Programmes.create(gyeonggi);

        given().queryParam("owner", own.gwangjuSlug).get(PROGRAMMES).then().statusCode(200).body("items.id", contains(plan, pledge));
        given().queryParam("owner", own.gyeonggi).get(PROGRAMMES).then().body("items.id", contains(openEnded));
        given().queryParam("owner", own.gwangjuSlug).queryParam("kind", "pledges").get(PROGRAMMES).then().body("items.id", contains(pledge));
        given().queryParam("owner", own.gwangjuSlug).queryParam("status", "announced").get(PROGRAMMES).then().body("items.id", contains(plan));
        given().queryParam("owner", own.gwangjuSlug).queryParam("periodFrom", "2024-01-01").get(PROGRAMMES).then().body("items.id", contains(pledge));
        given().queryParam("owner", own.gwangjuSlug).queryParam("periodTo", "2020-03-01").get(PROGRAMMES).then().body("items.id", contains(plan));
        given().queryParam("owner", own.gwangjuSlug).queryParam("periodFrom", "2021-01-01").queryParam("periodTo", "2021-12-31")
                .get(PROGRAMMES).then().body("items", empty());
        // no period: open at both ends, so any range may hold it
        given().queryParam("owner", own.gyeonggi).queryParam("periodFrom", "1990-01-01").queryParam("periodTo", "1990-12-31")
                .get(PROGRAMMES).then().body("items.id", contains(openEnded));
        given().queryParam("owner", own.gwangjuSlug).queryParam("q", "대표산업").get(PROGRAMMES).then().body("items.id", contains(plan));
        given().queryParam("owner", own.gwangjuSlug).queryParam("q", "ELECTED TERM").get(PROGRAMMES).then().body("items.id", contains(pledge));
        given().queryParam("owner", own.gwangjuSlug).queryParam("limit", "1").get(PROGRAMMES).then().body("items.id", contains(plan))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        given().queryParam("owner", "no-such-organization").get(PROGRAMMES).then().statusCode(400).body("violations[0].field", equalTo("owner"));
        Problems.assertProblem(given().filter(Contract.responsesOnly()).queryParam("periodFrom", "2020-13-01")
                .get(PROGRAMMES).then(), 400, "bad-parameter").body("violations[0].field", equalTo("periodFrom"));
    }

    /**
     * {@code at=} reads the history. Writes through the API happen now, so the test moves the history
     * rows back to the days a government would have made them: registered on 5 January 2020, its
     * mid-year report on 1 July.
     */
    @Test
    void atADayShowsTheProgrammeAsItStoodThenWithItsStatusCounts() {
        String id = Programmes.create(Programmes.gwangju2020(w, null));
        String at = PROGRAMMES + "/" + id;
        Api.admin().body("{\"on\": \"2020-06-30\", \"status\": \"completed\", \"progress\": 100}").post(at + "/initiatives/1/reports")
                .then().statusCode(201);
        // 2020-01-05 00:30 in Seoul is still 4 January in UTC: the day is a Korean day
        changedAt(id, 1, "2020-01-04T15:30:00Z");
        changedAt(id, 2, "2020-07-01T03:00:00Z");

        given().queryParam("at", "2020-03-01").get(at).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1))
                .body("initiatives[0].status", equalTo("on_track")).body("initiatives[0].reports", empty())
                .body("statusCounts.on_track", equalTo(1)).body("statusCounts.completed", equalTo(0));
        given().queryParam("at", "2020-01-05").get(at).then().statusCode(200).body("version", equalTo(1));
        given().queryParam("at", "2020-07-01").queryParam("lang", "en").get(at).then().statusCode(200).header("ETag", "\"2-en\"")
                .body("initiatives[0].status", equalTo("completed")).body("statusCounts.completed", equalTo(1)).body("title.ko", nullValue());
        given().queryParam("at", LocalDate.now().toString()).get(at).then().statusCode(200).body("version", equalTo(2));
        Problems.assertProblem(given().queryParam("at", "2020-01-04").get(at).then(), 404, "not-found");
        Problems.assertProblem(given().filter(Contract.responsesOnly()).queryParam("at", "yesterday")
                .get(at).then(), 400, "bad-parameter").body("violations[0].field", equalTo("at"));
        Problems.assertProblem(given().queryParam("at", "2020-03-01").get(PROGRAMMES + "/" + UUID.randomUUID()).then(), 404, "not-found");
        assertThat(OffsetDateTime.parse(given().get(at + "/history").path("items[0].changedAt"))).isEqualTo("2020-01-04T15:30:00Z");
    }

    private void changedAt(String id, int version, String instant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update record_history set changed_at = ?::timestamptz where entity_type = 'programme' and entity_id = ? and version = ?")) {
            s.setString(1, instant);
            s.setObject(2, UUID.fromString(id));
            s.setInt(3, version);
            assertThat(s.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
