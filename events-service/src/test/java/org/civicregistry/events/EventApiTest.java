package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Scheduling, reading and finding events: times in their own zone, every filter, paging, languages. */
@EventsTest
class EventApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventAt17InSeoulIs08UtcAndComesBackWithItsOwnOffset() throws SQLException {
        World world = World.get();
        Response created = Api.admin().body(Api.event(world.gyeonggi)
                        .title("김동연 경기도지사 조선대학교 특강", "Governor Kim Dong-yeon's special lecture at Chosun University")
                        .type("special_lecture").starts("2023-10-12T17:00:00+09:00").ends("2023-10-12T18:30:00+09:00")
                        .participant(world.kimDongYeon, "speaker", world.governor).agreement(world.agreement).toString())
                .post("/api/v1/events");
        created.then().log().ifValidationFails().statusCode(201)
                .header("ETag", "\"1\"")
                .body("startsAt", equalTo("2023-10-12T17:00:00+09:00"))
                .body("endsAt", equalTo("2023-10-12T18:30:00+09:00"))
                .body("timeZone", equalTo("Asia/Seoul"))
                .body("allDay", equalTo(false))
                .body("status", equalTo("scheduled"))
                .body("recordStatus", equalTo("active"))
                .body("sequence", equalTo(0))
                .body("previousStartTimes", empty())
                .body("participants[0].role", equalTo("speaker"))
                .body("participants[0].postId", equalTo(world.governor))
                .body("version", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/events/" + id);
        assertThat(created.<String>path("icalUid")).isEqualTo(id + "@civic-registry");
        assertThat(utcStart(id)).isEqualTo("2023-10-12T08:00:00");

        // the same instant written in UTC is shown in the event's zone
        String utc = Api.event(world.gyeonggi).starts("2023-10-12T08:00:00Z").create();
        given().get("/api/v1/events/" + utc).then().body("startsAt", equalTo("2023-10-12T17:00:00+09:00"));
        // another zone keeps its own offset, summer and winter
        String berlinSummer = Api.event(world.gyeonggi).zone("Europe/Berlin").starts("2023-10-12T10:00:00+02:00").create();
        given().get("/api/v1/events/" + berlinSummer).then().body("startsAt", equalTo("2023-10-12T10:00:00+02:00"))
                .body("timeZone", equalTo("Europe/Berlin"));
        String berlinWinter = Api.event(world.gyeonggi).zone("Europe/Berlin").starts("2023-12-12T10:00:00+01:00").create();
        given().get("/api/v1/events/" + berlinWinter).then().body("startsAt", equalTo("2023-12-12T10:00:00+01:00"));
        assertThat(utcStart(berlinWinter)).isEqualTo("2023-12-12T09:00:00");

        // reads: ETag, 304, one language
        given().get("/api/v1/events/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("title.ko", equalTo("김동연 경기도지사 조선대학교 특강"));
        given().header("If-None-Match", "\"1\"").get("/api/v1/events/" + id).then().statusCode(304);
        given().queryParam("lang", "en").get("/api/v1/events/" + id).then().statusCode(200)
                .header("Content-Language", "en").header("ETag", "\"1-en\"")
                .body("title.en", equalTo("Governor Kim Dong-yeon's special lecture at Chosun University"))
                .body("title.ko", nullValue());
    }

    @Test
    void everyEventCanBeDownloaded() throws Exception {
        String org = Upstream.organization(Api.unique("download-host"), "내려받기", "Download host", "other", null);
        String event = Api.event(org).type("meeting").title("회의", "Meeting").starts("2026-03-02T10:00:00+09:00").create();
        String ndjson = given().get("/api/v1/events/snapshot").then().statusCode(200)
                .header("Civic-Stream-Position", startsWith("civic.events.v1/"))
                .extract().asString();
        assertThat(ndjson.lines().map(line -> {
            try {
                return new ObjectMapper().readTree(line).get("id").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })).contains(event);
        String csv = given().accept("text/csv").get("/api/v1/events/snapshot").then().statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,").contains("title.ko", "title.en");
        assertThat(csv).contains(event);
    }

    @Test
    void aWindowFindsAnEventThatBeganLongBeforeIt() {
        // Window queries bound their index scan by the longest event (docs/benchmarks.md, growth): an
        // event that began months before the window and is still going is in it, one that ended is not.
        String org = Upstream.organization(Api.unique("biennale-foundation"), "광주비엔날레재단", "Gwangju Biennale Foundation",
                "other", null);
        String biennale = Api.event(org).type("ceremony").title("광주비엔날레", "Gwangju Biennale")
                .starts("2024-09-01T10:00:00+09:00").ends("2024-12-01T18:00:00+09:00").create();
        String preparations = Api.event(org).type("meeting").title("개막 준비 회의", "Opening preparations")
                .starts("2024-09-02T10:00:00+09:00").ends("2024-09-02T11:00:00+09:00").create();

        ids(given().queryParam("organization", org).queryParam("from", "2024-11-01").queryParam("to", "2024-11-30"))
                .containsExactly(biennale);
        ids(given().queryParam("organization", org).queryParam("from", "2024-09-02T10:30:00+09:00").queryParam("to", "2024-09-03"))
                .containsExactly(biennale, preparations);
    }

    @Test
    void everyFilterOfTheList() {
        World world = World.get();
        String orgSlug = Api.unique("gyeonggi-office");
        String org = Upstream.organization(orgSlug, "경기도청", "Gyeonggi Provincial Office", "executive", null);
        String unitSlug = Api.unique("gyeonggi-planning");
        String unit = Upstream.organization(unitSlug, "기획조정실", "Planning and Coordination Office", "government_agency", org);
        String kimSlug = Api.unique("kim");
        String kim = Upstream.person(kimSlug, "김지사", "Governor Kim");
        String kang = Upstream.person(Api.unique("kang"), "강시장", "Mayor Kang");
        String agreementSlug = Api.unique("agreement");
        String agreement = Upstream.agreement(agreementSlug, "상생협약", "Mutual agreement", "2023-10-12", org);

        String visit = Api.event(org).type("memorial_visit").title("국립5·18민주묘지 참배", "Visit to the National May 18 Democratic Cemetery")
                .starts("2023-10-12T10:00:00+09:00").participant(kim, "host").participant(kang, "guest").agreement(agreement).create();
        String signing = Api.event(unit).type("signing_ceremony").title("상생발전 합의문 서명식", "Signing of the mutual development agreement")
                .starts("2023-10-12T11:30:00+09:00").ends("2023-10-12T12:30:00+09:00")
                .participant(kim, "signatory").participant(kang, "signatory").agreement(agreement).create();
        String lectureId = Api.unique("lecture");
        String lecture = Api.event(org).type("special_lecture").title("조선대학교 특강", "Special lecture at Chosun University")
                .starts("2023-10-12T17:00:00+09:00").ends("2023-10-12T18:30:00+09:00").participant(kim, "speaker")
                .identifier("newsroom", lectureId).create();
        String meeting = Api.event(org).type("meeting").title("오월어머니회 간담회", "Meeting with the May Mothers' Association")
                .starts("2023-10-13T10:00:00+09:00").participant(kim, "guest").create();
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(10).truncatedTo(ChronoUnit.HOURS);
        String upcoming = Api.event(org).type("press_conference").title("기자회견", "Press conference")
                .starts(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(soon))
                .participant(kang, "host").create();

        ids(given().queryParam("organization", orgSlug)).containsExactly(visit, signing, lecture, meeting, upcoming);
        ids(given().queryParam("organization", org)).containsExactly(visit, signing, lecture, meeting, upcoming);
        ids(given().queryParam("organization", unitSlug)).containsExactly(signing);
        ids(given().queryParam("participant", kimSlug)).containsExactly(visit, signing, lecture, meeting);
        ids(given().queryParam("participant", kang)).containsExactly(visit, signing, upcoming);
        ids(given().queryParam("participant", kimSlug).queryParam("type", "special_lecture")).containsExactly(lecture);
        ids(given().queryParam("agreement", agreementSlug)).containsExactly(visit, signing);
        ids(given().queryParam("identifier", "newsroom:" + lectureId)).containsExactly(lecture);
        ids(given().queryParam("identifier", "other:" + lectureId)).isEmpty();
        ids(given().queryParam("id", meeting, visit)).containsExactly(visit, meeting);
        // a window is an overlap: the signing (11:30–12:30) is not over at 12:00, the visit (10:00) is;
        // to=2023-10-13 is a day, so the meeting that morning is in
        ids(given().queryParam("organization", org).queryParam("from", "2023-10-12T12:00:00+09:00").queryParam("to", "2023-10-13"))
                .containsExactly(signing, lecture, meeting);
        ids(given().queryParam("organization", org).queryParam("from", "2023-10-12").queryParam("to", "2023-10-12"))
                .containsExactly(visit, signing, lecture);
        ids(given().queryParam("organization", org).queryParam("upcoming", "true")).containsExactly(upcoming);
        ids(given().queryParam("participant", kang).queryParam("upcoming", "true")).containsExactly(upcoming);
        ids(given().queryParam("organization", org).queryParam("q", "오월")).containsExactly(meeting);
        ids(given().queryParam("organization", org).queryParam("q", "MAY MOTHERS")).containsExactly(meeting);
        ids(given().queryParam("organization", org).queryParam("q", "민주묘지")).containsExactly(visit);

        Api.transition(lecture, 1, "{\"to\": \"confirmed\"}").statusCode(200);
        ids(given().queryParam("organization", org).queryParam("status", "confirmed")).containsExactly(lecture);
        ids(given().queryParam("organization", org).queryParam("status", "scheduled,confirmed").queryParam("type", "special_lecture"))
                .containsExactly(lecture);
        ids(given().queryParam("organization", org).queryParam("status", "scheduled")).containsExactly(visit, signing, meeting, upcoming);

        String before = OffsetDateTime.now(ZoneOffset.UTC).toString();
        Api.mergePatch(Tokens.admin(), 1)
                .body("{\"description\": {\"ko\": \"지역 인사 간담회\", \"en\": \"With local figures\"}}")
                .patch("/api/v1/events/" + meeting).then().statusCode(200);
        ids(given().queryParam("organization", org).queryParam("updatedSince", before)).containsExactly(meeting);

        // languages
        given().queryParam("organization", org).queryParam("lang", "en").get("/api/v1/events").then().statusCode(200)
                .body("items[0].title.en", equalTo("Visit to the National May 18 Democratic Cemetery"))
                .body("items[0].title.ko", nullValue());
    }

    @Test
    void pagesFollowStartTimeThenIdWithACursorAndLink() {
        String org = Upstream.organization(Api.unique("paging"), "페이지", "Paging", "committee", null);
        List<String> expected = new ArrayList<>();
        // created out of order; two share a start, so the id breaks the tie
        String third = Api.event(org).starts("2023-10-12T15:00:00+09:00").create();
        String first = Api.event(org).starts("2023-10-12T09:00:00+09:00").create();
        String tieA = Api.event(org).starts("2023-10-12T12:00:00+09:00").create();
        String tieB = Api.event(org).starts("2023-10-12T12:00:00+09:00").create();
        String last = Api.event(org).starts("2023-10-13T09:00:00+09:00").create();
        expected.addAll(List.of(first, tieA, tieB, third, last));
        assertThat(pagesOf(org, null, all -> { })).containsExactlyElementsOf(expected);
        assertThat(pagesOf(org, "startsAt", all -> { })).containsExactlyElementsOf(expected);
        // latest first, as a page of recent events asks: the same ties, the other way round
        List<String> latestFirst = new ArrayList<>(expected);
        Collections.reverse(latestFirst);
        assertThat(pagesOf(org, "-startsAt", all -> { })).containsExactlyElementsOf(latestFirst);
        assertThat(pagesOf(org, "-startsAt", request -> request.queryParam("to", "2023-10-12T13:00:00+09:00")))
                .containsExactly(tieB, tieA, first);

        // a total counts the events of every page, the ones before the cursor too
        String next = given().queryParam("organization", org).queryParam("limit", 2).queryParam("count", "exact")
                .get("/api/v1/events").then().statusCode(200).body("total.value", equalTo(5))
                .body("total.relation", equalTo("eq")).extract().path("nextCursor");
        given().queryParam("organization", org).queryParam("limit", 2).queryParam("count", "exact").queryParam("cursor", next)
                .get("/api/v1/events").then().statusCode(200).body("items.id", contains(tieB, third)).body("total.value", equalTo(5));
        given().queryParam("organization", org).queryParam("to", "2023-10-12T13:00:00+09:00").queryParam("count", "estimated")
                .get("/api/v1/events").then().statusCode(200).body("total.value", equalTo(3)).body("total.relation", equalTo("eq"));
    }

    /** include= embeds the organizer and the participants a page of events names, as learned from civic.officials.v1. */
    @Test
    void aPageEmbedsItsOrganizerAndParticipantsOnRequest() {
        String org = Upstream.organization(Api.unique("host"), "광주광역시", "Gwangju Metropolitan City", "metropolitan_city", null);
        String mayor = Upstream.post(Api.unique("mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", org);
        String kang = Upstream.person(Api.unique("kang"), "강기정", "Kang Ki-jung");
        String speaker = Upstream.person(Api.unique("speaker"), "발표자", "Speaker");
        Api.event(org).participant(kang, "host", mayor).participant(speaker, "speaker").create();
        Api.event(org).participant(kang, "host", mayor).create();
        given().queryParam("organization", org).queryParam("include", "organizer,participants").get("/api/v1/events").then()
                .statusCode(200)
                .body("included.organizations.id", contains(org))
                .body("included.organizations[0].name.en", equalTo("Gwangju Metropolitan City"))
                .body("included.people.id", containsInAnyOrder(kang, speaker))
                .body("included.posts.id", contains(mayor));
        given().queryParam("organization", org).queryParam("include", "organizer").queryParam("lang", "en").get("/api/v1/events")
                .then().body("included.organizations[0].name", equalTo(java.util.Map.of("en", "Gwangju Metropolitan City")))
                .body("included", not(hasKey("people")));
        given().filter(Contract.responsesOnly()).queryParam("include", "agreement").get("/api/v1/events").then().statusCode(400)
                .body("violations[0].field", equalTo("include"));
    }

    /** Every event of {@code org} in the order {@code sort} asks, two to a page, following the cursor: no page short but the last. */
    private static List<String> pagesOf(String org, String sort, Consumer<RequestSpecification> filter) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("organization", org).queryParam("limit", 2);
            if (sort != null) {
                request.queryParam("sort", sort);
            }
            filter.accept(request);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/events");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=").contains("organization=" + org);
                if (sort != null) {
                    assertThat(page.header("Link")).contains("sort=" + sort);
                }
            } else {
                assertThat(page.header("Link")).isNull();
            }
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo((seen.size() + 1) / 2);
        return seen;
    }

    @Test
    void rescheduleAndCancelKeepTheirHistory() {
        World world = World.get();
        String id = Api.event(world.gwangju).type("meeting").title("오월어머니회 면담", "Meeting with the May Mothers' Association")
                .starts("2023-10-13T10:00:00+09:00").ends("2023-10-13T11:30:00+09:00").participant(world.kimDongYeon, "guest").create();

        // moving the start reschedules: the old start is kept
        Api.mergePatch(Tokens.admin(), 1)
                .body("{\"startsAt\": \"2023-10-13T14:00:00+09:00\", \"endsAt\": \"2023-10-13T15:30:00+09:00\"}")
                .patch("/api/v1/events/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("rescheduled"))
                .body("previousStartTimes", contains("2023-10-13T10:00:00+09:00"))
                .body("sequence", equalTo(1));
        // a transition to rescheduled keeps the duration when no end is given
        Api.transition(id, 2, "{\"to\": \"rescheduled\", \"startsAt\": \"2023-10-14T01:00:00Z\"}").statusCode(200)
                .body("status", equalTo("rescheduled"))
                .body("startsAt", equalTo("2023-10-14T10:00:00+09:00"))
                .body("endsAt", equalTo("2023-10-14T11:30:00+09:00"))
                .body("previousStartTimes", contains("2023-10-13T10:00:00+09:00", "2023-10-13T14:00:00+09:00"))
                .body("sequence", equalTo(2));
        Api.transition(id, 3, "{\"to\": \"confirmed\"}").statusCode(200).body("status", equalTo("confirmed")).body("sequence", equalTo(3));
        Api.transition(id, 4, "{\"to\": \"cancelled\"}").statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("startsAt", equalTo("2023-10-14T10:00:00+09:00"))
                .body("endsAt", equalTo("2023-10-14T11:30:00+09:00"))
                .body("sequence", equalTo(4));

        // cancelled is final, and keeps its times
        Problems.assertProblem(Api.transition(id, 5, "{\"to\": \"completed\"}"), 409, "invalid-transition")
                .body("allowed", empty()).body("detail", org.hamcrest.Matchers.containsString("cancelled"));
        Problems.assertProblem(Api.transition(id, 5, "{\"to\": \"rescheduled\", \"startsAt\": \"2023-10-20T10:00:00+09:00\"}"),
                409, "invalid-transition");
        Problems.assertProblem(Api.mergePatch(Tokens.admin(), 5)
                .body("{\"startsAt\": \"2023-10-20T10:00:00+09:00\", \"endsAt\": \"2023-10-20T11:00:00+09:00\"}")
                .patch("/api/v1/events/" + id).then(), 409, "invalid-transition").body("violations[0].field", equalTo("startsAt"));
        // other facts may still be corrected; calendars need not notice
        Api.mergePatch(Tokens.admin(), 5).body("{\"description\": {\"en\": \"Cancelled by the organizer\"}}")
                .patch("/api/v1/events/" + id).then().statusCode(200).body("sequence", equalTo(4)).body("status", equalTo("cancelled"));

        Response history = given().get("/api/v1/events/" + id + "/history");
        history.then().statusCode(200);
        assertThat(history.jsonPath().getList("items.type", String.class)).containsExactly("civic.event.scheduled",
                "civic.event.rescheduled", "civic.event.rescheduled", "civic.event.confirmed", "civic.event.cancelled",
                "civic.event.updated");
        assertThat(history.jsonPath().getList("items.version", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(history.jsonPath().getList("items[2].snapshot.previousStartTimes", String.class))
                .containsExactly("2023-10-13T10:00:00+09:00", "2023-10-13T14:00:00+09:00");
        assertThat(history.jsonPath().getString("items[4].snapshot.startsAt")).isEqualTo("2023-10-14T10:00:00+09:00");

        // archived: out of lists, still readable, frozen
        Api.admin().header("If-Match", "\"6\"").delete("/api/v1/events/" + id).then().statusCode(200)
                .body("recordStatus", equalTo("archived")).body("status", equalTo("cancelled"));
        ids(given().queryParam("participant", world.kimDongYeon).queryParam("from", "2023-10-14").queryParam("to", "2023-10-15"))
                .doesNotContain(id);
        ids(given().queryParam("participant", world.kimDongYeon).queryParam("recordStatus", "archived")).contains(id);
        given().get("/api/v1/events/" + id).then().statusCode(200).body("recordStatus", equalTo("archived"));
        Problems.assertProblem(Api.transition(id, 7, "{\"to\": \"completed\"}"), 409, "conflict");
    }

    @Test
    void replacingWithWhatWasReadChangesOnlyWhatWasEdited() {
        World world = World.get();
        String id = Api.event(world.mayMothers).type("meeting").title("오월어머니회 면담", null)
                .starts("2023-10-13T10:00:00+09:00").ends("2023-10-13T11:00:00+09:00")
                .location("오월어머니집", "May Mothers' House", null, null, null, null)
                .participant(world.kimDongYeon, "guest", world.governor).create();
        java.util.Map<String, Object> read = given().get("/api/v1/events/" + id).jsonPath().getMap("");
        read.put("title", java.util.Map.of("ko", "오월어머니회 면담", "en", "Meeting with the May Mothers' Association"));

        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).body(read).put("/api/v1/events/" + id).then(), 428,
                "precondition-required");
        Problems.assertProblem(Api.admin().header("If-Match", "\"2\"").body(read).put("/api/v1/events/" + id).then(),
                412, "precondition-failed");
        Api.admin().header("If-Match", "\"1\"").body(read).put("/api/v1/events/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("title.en", equalTo("Meeting with the May Mothers' Association"))
                .body("startsAt", equalTo("2023-10-13T10:00:00+09:00"))
                .body("status", equalTo("scheduled"))
                .body("participants[0].postId", equalTo(world.governor))
                .body("sequence", equalTo(0));
        // a new place is not a reschedule, but calendars must notice it
        read.put("location", java.util.Map.of("name", java.util.Map.of("ko", "광주광역시청", "en", "Gwangju City Hall")));
        Api.admin().header("If-Match", "\"2\"").body(read).put("/api/v1/events/" + id).then().statusCode(200)
                .body("location.name.en", equalTo("Gwangju City Hall"))
                .body("status", equalTo("scheduled"))
                .body("previousStartTimes", empty())
                .body("sequence", equalTo(1));
        given().get("/api/v1/events/" + id + "/history").then().body("items.type",
                contains("civic.event.scheduled", "civic.event.updated", "civic.event.updated"));
    }

    @Test
    void onlyValidTransitionsWithTheAllowedOnesNamed() {
        World world = World.get();
        String id = Api.event(world.gwangju).starts("2023-11-01T10:00:00+09:00").create();
        Api.transition(id, 1, "{\"to\": \"postponed\"}").statusCode(200).body("status", equalTo("postponed")).body("sequence", equalTo(1));
        Problems.assertProblem(Api.transition(id, 2, "{\"to\": \"confirmed\"}"), 409, "invalid-transition")
                .body("allowed", contains("rescheduled", "cancelled"));
        Problems.assertProblem(Api.transition(id, 2, "{\"to\": \"postponed\"}"), 409, "invalid-transition");
        Problems.assertProblem(Api.transition(id, 2, "{\"to\": \"rescheduled\"}"), 400, "validation")
                .body("violations[0].field", equalTo("startsAt"));
        Problems.assertProblem(Api.transition(id, 2, "{\"to\": \"rescheduled\", \"startsAt\": \"2023-11-01T10:00:00+09:00\"}"),
                400, "validation").body("violations[0].field", equalTo("startsAt"));
        Problems.assertProblem(Api.transition(id, 2, "{\"to\": \"cancelled\", \"startsAt\": \"2023-11-02T10:00:00+09:00\"}"),
                400, "validation");
        Problems.assertProblem(Api.admin().filter(Contract.responsesOnly()).header("If-Match", "\"2\"").body("{\"to\": \"archived\"}")
                .post("/api/v1/events/" + id + "/transitions").then(), 400, "malformed-body")
                .body("violations[0].field", equalTo("to"));
        // PATCH of status follows the same table; a new start with another status is not a reschedule
        Problems.assertProblem(Api.mergePatch(Tokens.admin(), 2).body("{\"status\": \"completed\"}")
                .patch("/api/v1/events/" + id).then(), 409, "invalid-transition").body("allowed", contains("rescheduled", "cancelled"));
        Problems.assertProblem(Api.mergePatch(Tokens.admin(), 2)
                .body("{\"status\": \"cancelled\", \"startsAt\": \"2023-11-05T10:00:00+09:00\"}")
                .patch("/api/v1/events/" + id).then(), 409, "invalid-transition").body("allowed", contains("rescheduled"));
        Api.mergePatch(Tokens.admin(), 2).body("{\"startsAt\": \"2023-11-08T10:00:00+09:00\"}")
                .patch("/api/v1/events/" + id).then().statusCode(200).body("status", equalTo("rescheduled"));
        Api.transition(id, 3, "{\"to\": \"completed\"}").statusCode(200).body("status", equalTo("completed"));
        given().get("/api/v1/events/" + id + "/history").then().body("items.type",
                contains("civic.event.scheduled", "civic.event.postponed", "civic.event.rescheduled", "civic.event.completed"));
        // a register of the past: an event may be recorded as already held
        Api.admin().body(Api.event(world.gwangju).type("groundbreaking").status("completed").allDay()
                        .starts("2019-12-26T00:00:00+09:00").toString())
                .post("/api/v1/events").then().statusCode(201).body("status", equalTo("completed")).body("allDay", equalTo(true))
                .body("startsAt", endsWith("T00:00:00+09:00"));
    }

    private static org.assertj.core.api.ListAssert<String> ids(io.restassured.specification.RequestSpecification request) {
        Response response = request.get("/api/v1/events");
        response.then().log().ifValidationFails().statusCode(200);
        return assertThat(response.jsonPath().getList("items.id", String.class));
    }

    private String utcStart(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') from event where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
