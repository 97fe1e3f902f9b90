package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

import org.hamcrest.Matchers;
import org.civicregistry.testsupport.Problems;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Geo;

/**
 * The iCalendar feeds, read back with ical4j's parser and checked property by property, as a
 * calendar application subscribing to one organization's or one official's schedule would read them.
 */
@EventsTest
class CalendarFeedTest {

    static final String FEED = "/api/v1/events/calendar.ics";

    @Test
    void aLectureAt17InSeoulIs17WithItsTzidAndEveryField() throws Exception {
        World world = World.get();
        String org = Upstream.organization(Api.unique("gyeonggi-feed"), "경기도 (피드)", "Gyeonggi (feed)", "province", null);
        String lecture = Api.event(org).type("special_lecture")
                .title("김동연 경기도지사 조선대학교 특강", "Governor Kim Dong-yeon's special lecture at Chosun University")
                .description("지역 청년과의 소통; 질문, 답변", "A conversation with young people of the region")
                .starts("2023-10-12T17:00:00+09:00").ends("2023-10-12T18:30:00+09:00")
                .location("조선대학교", "Chosun University", "광주광역시 동구 필문대로 309", "309 Pilmun-daero, Dong-gu, Gwangju", 35.1406, 126.9330)
                .participant(world.kimDongYeon, "speaker", world.governor).create();
        Response read = given().get("/api/v1/events/" + lecture);

        Response feed = given().queryParam("organization", org).queryParam("from", "2023-10-01").queryParam("to", "2023-10-31")
                .queryParam("lang", "en").get(FEED);
        feed.then().statusCode(200).contentType("text/calendar;charset=utf-8")
                .header("ETag", Matchers.matchesPattern("\"[A-Za-z0-9_-]{27}\""))
                .header("Cache-Control", "public, max-age=300")
                .header("Content-Language", "en");
        String text = feed.asString();
        assertWellFormed(text);
        assertThat(text).contains("DTSTART;TZID=Asia/Seoul:20231012T170000\r\n", "DTEND;TZID=Asia/Seoul:20231012T183000\r\n");

        Calendar calendar = parse(text);
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        assertThat(value(calendar.getProperty("PRODID"))).isEqualTo("-//Civic Registry//events-service//EN");
        assertThat(value(calendar.getProperty("VERSION"))).isEqualTo("2.0");
        assertThat(value(calendar.getProperty("X-WR-CALNAME"))).isEqualTo("Gyeonggi (feed) — public events");
        assertThat(value(calendar.getProperty("REFRESH-INTERVAL"))).isEqualTo("PT1H");
        VTimeZone seoul = (VTimeZone) calendar.getComponents("VTIMEZONE").get(0);
        assertThat(value(seoul.getProperty("TZID"))).isEqualTo("Asia/Seoul");
        assertThat(seoul.toString()).contains("TZOFFSETTO:+0900");

        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(value(event.getProperty("UID"))).isEqualTo(lecture + "@civic-registry");
        DateProperty<Temporal> start = event.getProperty("DTSTART").map(p -> (DateProperty<Temporal>) p).orElseThrow();
        assertThat(start.getParameter("TZID").map(Object::toString)).hasValue("TZID=Asia/Seoul");
        ZonedDateTime startsAt = (ZonedDateTime) start.getDate();
        assertThat(startsAt.toInstant()).isEqualTo(Instant.parse("2023-10-12T08:00:00Z"));
        assertThat(startsAt.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2023-10-12T17:00:00"));
        ZonedDateTime endsAt = (ZonedDateTime) event.getProperty("DTEND").map(p -> ((DateProperty<?>) p).getDate()).orElseThrow();
        assertThat(endsAt.toInstant()).isEqualTo(Instant.parse("2023-10-12T09:30:00Z"));
        assertThat(value(event.getProperty("SUMMARY"))).isEqualTo("Governor Kim Dong-yeon's special lecture at Chosun University");
        assertThat(event.getProperty("SUMMARY").orElseThrow().getParameter("LANGUAGE").map(Object::toString)).hasValue("LANGUAGE=en");
        assertThat(value(event.getProperty("SEQUENCE"))).isEqualTo("0");
        assertThat(value(event.getProperty("STATUS"))).isEqualTo("TENTATIVE");
        Instant updatedAt = Instant.parse(read.path("updatedAt"));
        assertThat(instant(event, "LAST-MODIFIED")).isEqualTo(updatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(instant(event, "DTSTAMP")).isEqualTo(updatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(instant(event, "CREATED")).isEqualTo(Instant.parse(read.path("createdAt")).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(value(event.getProperty("LOCATION"))).isEqualTo("Chosun University, 309 Pilmun-daero, Dong-gu, Gwangju");
        Geo geo = (Geo) event.getProperty("GEO").orElseThrow();
        assertThat(geo.getLatitude()).isEqualByComparingTo(new BigDecimal("35.1406"));
        assertThat(geo.getLongitude()).isEqualByComparingTo(new BigDecimal("126.9330"));
        assertThat(value(event.getProperty("DESCRIPTION"))).isEqualTo("A conversation with young people of the region\n\n"
                + "Organizer: Gyeonggi (feed)\nParticipants: Kim Dong-yeon (speaker)");
        assertThat(value(event.getProperty("URL"))).endsWith("/api/v1/events/" + lecture).startsWith("http");
        assertThat(value(event.getProperty("CATEGORIES"))).isEqualTo("special_lecture");
        assertThat(value(event.getProperty("CLASS"))).isEqualTo("PUBLIC");

        // in Korean: the summary, the description and the labels follow; text escaping survives the round trip
        Calendar korean = parse(given().queryParam("organization", org).queryParam("from", "2023-10-01").queryParam("to", "2023-10-31")
                .header("Accept-Language", "ko-KR,ko;q=0.9").get(FEED).then().statusCode(200).header("Content-Language", "ko")
                .extract().asString());
        VEvent koEvent = (VEvent) korean.getComponents("VEVENT").get(0);
        assertThat(value(koEvent.getProperty("SUMMARY"))).isEqualTo("김동연 경기도지사 조선대학교 특강");
        assertThat(value(koEvent.getProperty("DESCRIPTION"))).isEqualTo("지역 청년과의 소통; 질문, 답변\n\n주최: 경기도 (피드)\n참석: 김동연 (연사)");
        assertThat(value(koEvent.getProperty("LOCATION"))).isEqualTo("조선대학교, 광주광역시 동구 필문대로 309");
        assertThat(value(korean.getProperty("X-WR-CALNAME"))).isEqualTo("경기도 (피드) — 공개 일정");

        // the same event alone, for an "add to calendar" link
        Calendar one = parse(given().queryParam("lang", "en").get("/api/v1/events/" + lecture + "/calendar.ics")
                .then().statusCode(200).contentType("text/calendar;charset=utf-8").extract().asString());
        assertThat(one.getComponents("VEVENT")).hasSize(1);
        assertThat(value(one.getComponents("VEVENT").get(0).getProperty("UID"))).isEqualTo(lecture + "@civic-registry");
    }

    @Test
    void changesRaiseTheSequenceCancellationsStayAndPollsGet304() throws Exception {
        World world = World.get();
        String person = Upstream.person(Api.unique("kang"), "강기정 (피드)", "Kang Ki-jung (feed)");
        String signing = Api.event(world.gwangjuCityHall).type("signing_ceremony")
                .title("경기도·광주광역시 상생발전 합의문 체결", "Signing of the Gyeonggi–Gwangju mutual development agreement")
                .starts("2023-10-12T11:00:00+09:00").ends("2023-10-12T12:00:00+09:00").participant(person, "signatory")
                .agreement(world.agreement).create();
        String meeting = Api.event(world.mayMothers).type("meeting").title("오월어머니회 면담", null)
                .starts("2023-10-13T10:00:00+09:00").participant(person, "guest").create();

        Response first = given().queryParam("participant", person).queryParam("from", "2023-10-01").queryParam("to", "2023-11-01")
                .queryParam("lang", "en").get(FEED);
        first.then().statusCode(200);
        String etag = first.header("ETag");
        Calendar before = parse(first.asString());
        assertThat(before.getComponents("VEVENT")).hasSize(2);
        assertThat(value(before.getProperty("X-WR-CALNAME"))).isEqualTo("Kang Ki-jung (feed) — public events");
        // a title only in Korean falls back to Korean, and says so
        VEvent untranslated = find(before, meeting);
        assertThat(value(untranslated.getProperty("SUMMARY"))).isEqualTo("오월어머니회 면담");
        assertThat(untranslated.getProperty("SUMMARY").orElseThrow().getParameter("LANGUAGE").map(Object::toString)).hasValue("LANGUAGE=ko");

        // nothing changed: 304, no body, same tag
        given().header("If-None-Match", etag).queryParam("participant", person).queryParam("from", "2023-10-01")
                .queryParam("to", "2023-11-01").queryParam("lang", "en").get(FEED)
                .then().statusCode(304).header("ETag", etag).body(Matchers.emptyString());
        // another language is another feed
        assertThat(given().queryParam("participant", person).queryParam("from", "2023-10-01").queryParam("to", "2023-11-01")
                .queryParam("lang", "ko").get(FEED).header("ETag")).isNotEqualTo(etag);

        Api.transition(meeting, 1, "{\"to\": \"rescheduled\", \"startsAt\": \"2023-10-13T15:00:00+09:00\"}").statusCode(200);
        Api.transition(signing, 1, "{\"to\": \"cancelled\"}").statusCode(200);

        Response second = given().header("If-None-Match", etag).queryParam("participant", person).queryParam("from", "2023-10-01")
                .queryParam("to", "2023-11-01").queryParam("lang", "en").get(FEED);
        second.then().statusCode(200);
        assertThat(second.header("ETag")).isNotEqualTo(etag);
        Calendar after = parse(second.asString());
        VEvent moved = find(after, meeting);
        assertThat(value(moved.getProperty("SEQUENCE"))).isEqualTo("1");
        assertThat(((ZonedDateTime) ((DateProperty<?>) moved.getProperty("DTSTART").orElseThrow()).getDate()).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2023-10-13T15:00:00"));
        VEvent cancelled = find(after, signing);
        assertThat(value(cancelled.getProperty("STATUS"))).isEqualTo("CANCELLED");
        assertThat(value(cancelled.getProperty("SEQUENCE"))).isEqualTo("1");
        assertThat(((ZonedDateTime) ((DateProperty<?>) cancelled.getProperty("DTSTART").orElseThrow()).getDate()).toInstant())
                .as("a cancelled event keeps its time").isEqualTo(Instant.parse("2023-10-12T02:00:00Z"));
        assertThat(instant(cancelled, "LAST-MODIFIED")).isAfter(instant(find(before, signing), "LAST-MODIFIED").minusSeconds(1));
    }

    @Test
    void allDayEventsAndOtherZones() throws Exception {
        String org = Upstream.organization(Api.unique("gwangju-feed"), "광주광역시 (피드)", "Gwangju (feed)", "metropolitan_city", null);
        String groundbreaking = Api.event(org).type("groundbreaking").status("completed").allDay()
                .title("광주글로벌모터스 공장 기공식", "Groundbreaking of the Gwangju Global Motors plant")
                .starts("2019-12-26T00:00:00+09:00")
                .location("빛그린 국가산업단지", "Bitgreen National Industrial Complex", null, null, null, null).create();
        String pressConference = Api.event(org).type("press_conference").status("confirmed")
                .title("2020년 시정 20대 과제 발표 기자회견", "Press conference on the 20 key initiatives for 2020")
                .starts("2019-12-29T10:00:00+09:00").create();
        String berlin = Api.event(org).type("meeting").zone("Europe/Berlin").starts("2019-12-27T09:30:00+01:00").create();
        String postponed = Api.event(org).type("ceremony").title("현판 제막식", "Unveiling of the signboard")
                .starts("2019-12-30T15:00:00+09:00").create();
        Api.transition(postponed, 1, "{\"to\": \"postponed\"}").statusCode(200);

        String text = given().queryParam("organization", org).queryParam("from", "2019-12-01").queryParam("to", "2020-01-01")
                .get(FEED).then().statusCode(200).extract().asString();
        assertWellFormed(text);
        assertThat(text).contains("DTSTART;VALUE=DATE:20191226\r\n", "DTEND;VALUE=DATE:20191227\r\n",
                "DTSTART;TZID=Europe/Berlin:20191227T093000\r\n", "DTSTART;TZID=Asia/Seoul:20191229T100000\r\n");
        Calendar calendar = parse(text);
        assertThat(calendar.<VTimeZone>getComponents("VTIMEZONE")).extracting(c -> value(c.getProperty("TZID")))
                .containsExactly("Asia/Seoul", "Europe/Berlin");
        assertThat(calendar.<VEvent>getComponents("VEVENT")).extracting(c -> value(c.getProperty("UID")))
                .containsExactly(groundbreaking + "@civic-registry", berlin + "@civic-registry", pressConference + "@civic-registry",
                        postponed + "@civic-registry");
        // Korean by default; a postponed event says so, as its time no longer holds
        assertThat(value(find(calendar, postponed).getProperty("SUMMARY"))).isEqualTo("[연기] 현판 제막식");
        assertThat(value(find(calendar, postponed).getProperty("STATUS"))).isEqualTo("TENTATIVE");
        assertThat(value(find(calendar, postponed).getProperty("SEQUENCE"))).isEqualTo("1");
        VEvent allDay = find(calendar, groundbreaking);
        assertThat(((DateProperty<?>) allDay.getProperty("DTSTART").orElseThrow()).getDate()).isEqualTo(LocalDate.of(2019, 12, 26));
        assertThat(value(allDay.getProperty("STATUS"))).isEqualTo("CONFIRMED");
        assertThat(value(find(calendar, pressConference).getProperty("STATUS"))).isEqualTo("CONFIRMED");
        assertThat(((ZonedDateTime) ((DateProperty<?>) find(calendar, berlin).getProperty("DTSTART").orElseThrow()).getDate()).toInstant())
                .isEqualTo(Instant.parse("2019-12-27T08:30:00Z"));

        // feeds are bounded: in time, and in size (civic.events.feed.max-events, 50 in tests)
        for (int i = 0; i < 46; i++) { // with the four above: 50
            Api.event(org).starts("2019-12-31T%02d:%02d:00+09:00".formatted(i / 4, (i % 4) * 15)).create();
        }
        given().queryParam("organization", org).queryParam("from", "2019-12-01").queryParam("to", "2020-01-01").get(FEED)
                .then().statusCode(200);
        Api.event(org).starts("2019-12-31T23:00:00+09:00").create();
        Problems.assertProblem(given().queryParam("organization", org).queryParam("from", "2019-12-01").queryParam("to", "2020-01-01")
                .get(FEED).then(), 400, "bad-parameter").body("detail", Matchers.containsString("more than 50 events"));
        Problems.assertProblem(given().queryParam("from", "2019-01-01").queryParam("to", "2020-06-01").get(FEED).then(),
                400, "bad-parameter").body("violations[0].field", Matchers.equalTo("to"));
    }

    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    /** CRLF line ends and no line over 75 octets (RFC 5545 §3.1), Korean included. */
    static void assertWellFormed(String text) {
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
    }

    static VEvent find(Calendar calendar, String id) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> value(e.getProperty("UID")).equals(id + "@civic-registry")).findFirst().orElseThrow();
    }

    static String value(Optional<? extends Property> property) {
        return property.map(Property::getValue).orElse(null);
    }

    static Instant instant(VEvent event, String name) {
        return (Instant) event.getProperty(name).map(p -> ((DateProperty<?>) p).getDate()).orElseThrow();
    }
}
