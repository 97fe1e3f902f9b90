package org.civicregistry.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The embeddable widgets ({@code /widgets/civic-registry.js}) in a real browser: seeds a small
 * data set of its own through the gateway, generates and compiles the tests' typed client from the
 * platform's OpenAPI document ({@code npm run client}: openapi-typescript, openapi-fetch, tsc), then
 * runs {@code node --test widgets/test/} (playwright-core driving Debian's /usr/bin/chromium,
 * axe-core) against the running platform.
 * Runs in the {@code widgets-browser} profile of this module, active where /usr/bin/chromium exists.
 */
@ExtendWith(PlatformContract.class)
class WidgetsBrowserTest {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WidgetsBrowserTest.class);

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final Path root = Path.of("..").toAbsolutePath().normalize();
    private final Path widgets = root.resolve("widgets");
    private String gateway;

    @Test
    void theWidgetsWorkInChromium() throws Exception {
        gateway = Platform.get().gateway().toString();
        installNodeModules();
        Map<String, String> env = seed();
        env.put("GATEWAY_URL", gateway);
        env.put("ADMIN_TOKEN", Platform.get().adminToken());
        env.put("CHROMIUM", "/usr/bin/chromium");

        // The tests write through a client typed by the document this platform serves: a path, a
        // parameter or a body the document does not describe fails to compile here.
        env.put("CIVIC_OPENAPI", gateway + "/openapi?format=json");
        run(env, 2, "npm", "run", "--silent", "client");
        run(env, 5, "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "test/");
    }

    private void run(Map<String, String> env, int minutes, String... command) throws IOException, InterruptedException {
        String what = String.join(" ", command);
        Path output = Files.createTempFile(root.resolve("e2e-tests/target"), "widgets-" + command[0], ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(widgets.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        LOG.info("---- " + what + " (widgets/) ----\n" + log);
        assertThat(finished).as(what + " finished within " + minutes + " minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(what + " failed:\n" + log).isZero();
    }

    /** `npm ci` when widgets/node_modules is missing (.ci/run does it beforehand). */
    private void installNodeModules() throws IOException, InterruptedException {
        if (Stream.of("playwright-core", "axe-core", "openapi-typescript", "openapi-fetch", "typescript")
                .allMatch(module -> Files.isDirectory(widgets.resolve("node_modules").resolve(module)))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(widgets.toFile()).inheritIO().start();
        assertThat(npm.waitFor(3, TimeUnit.MINUTES) && npm.exitValue() == 0).as("npm ci in widgets/").isTrue();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(Platform.get().adminToken()).contentType("application/json");
    }

    /** POSTs through the gateway, retrying while a read model has not learned a reference yet (422). */
    private String create(String collection, String body) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response response = admin().baseUri(gateway).body(body).post(collection);
            if (response.statusCode() == 201) {
                id[0] = response.path("id");
                return true;
            }
            assertThat(response.statusCode()).as(collection + ": " + response.asString()).isEqualTo(422);
            return false;
        });
        return id[0];
    }

    private void transition(String event, String body) {
        String etag = given().baseUri(gateway).get("/api/v1/events/" + event).then().statusCode(200).extract().header("ETag");
        admin().baseUri(gateway).header("If-Match", etag).body(body).post("/api/v1/events/" + event + "/transitions")
                .then().statusCode(200);
    }

    /**
     * Its own records (slugs prefixed {@code widgets-}, so it shares the platform with other tests):
     * Gwangju with upcoming events (one in Berlin time, one postponed, one cancelled), Gyeonggi with
     * two agreements in signing order, and a governor with a current and a past post.
     */
    private Map<String, String> seed() {
        String gyeonggi = create("/api/v1/organizations", """
                {"slug": "widgets-gyeonggi", "name": {"ko": "경기도", "en": "Gyeonggi Province"}, "classification": "province"}""");
        String gwangju = create("/api/v1/organizations", """
                {"slug": "widgets-gwangju", "name": {"ko": "광주광역시", "en": "Gwangju Metropolitan City"}, "classification": "metropolitan_city"}""");
        String chungnam = create("/api/v1/organizations", """
                {"slug": "widgets-chungnam", "name": {"ko": "충청남도", "en": "Chungcheongnam-do"}, "classification": "province"}""");
        String ministry = create("/api/v1/organizations", """
                {"slug": "widgets-moef", "name": {"ko": "기획재정부", "en": "Ministry of Economy and Finance"}, "classification": "executive"}""");
        String governor = create("/api/v1/posts", """
                {"slug": "widgets-gyeonggi-governor", "label": {"ko": "경기도지사", "en": "Governor of Gyeonggi Province"},
                 "role": "governor", "organizationId": "%s"}""".formatted(gyeonggi));
        String minister = create("/api/v1/posts", """
                {"slug": "widgets-moef-minister", "label": {"ko": "경제부총리 겸 기획재정부 장관", "en": "Deputy Prime Minister and Minister of Economy and Finance"},
                 "role": "minister", "organizationId": "%s"}""".formatted(ministry));
        String mayor = create("/api/v1/posts", """
                {"slug": "widgets-gwangju-mayor", "label": {"ko": "광주광역시장", "en": "Mayor of Gwangju"}, "role": "mayor",
                 "organizationId": "%s"}""".formatted(gwangju));
        String kim = create("/api/v1/people", """
                {"slug": "widgets-kim-dong-yeon", "name": {"ko": "김동연", "en": "Kim Dong-yeon"}}""");
        String kang = create("/api/v1/people", """
                {"slug": "widgets-kang-ki-jung", "name": {"ko": "강기정", "en": "Kang Ki-jung"}}""");
        String governorship = create("/api/v1/memberships", """
                {"personId": "%s", "postId": "%s", "start": "2022-07-01"}""".formatted(kim, governor));
        create("/api/v1/memberships", """
                {"personId": "%s", "postId": "%s", "start": "2017-06", "end": "2018-12"}""".formatted(kim, minister));
        create("/api/v1/memberships", """
                {"personId": "%s", "postId": "%s", "start": "2022-07-01"}""".formatted(kang, mayor));

        String agreement = create("/api/v1/agreements", """
                {"slug": "widgets-gyeonggi-gwangju", "title": {"ko": "경기도·광주광역시 상생발전 합의문", "en": "Gyeonggi–Gwangju mutual development agreement"},
                 "kind": "mutual_development", "status": "signed", "signedOn": "2023-10-12",
                 "place": {"name": {"ko": "광주광역시청", "en": "Gwangju City Hall"}},
                 "parties": [{"organizationId": "%s", "signatory": {"personId": "%s", "postId": "%s"}},
                             {"organizationId": "%s", "role": "host", "signatory": {"personId": "%s", "postId": "%s"}}],
                 "items": [
                   {"number": 1, "title": {"ko": "AI 산업 생태계 활성화", "en": "Activating the AI industry ecosystem"}, "sector": "ai_industry",
                    "status": "done", "milestones": [{"title": {"ko": "협의체 구성", "en": "Joint council"}, "due": "2023-12-31", "met": "2023-12-01"}]},
                   {"number": 2, "title": {"ko": "청년·청소년 교육·교류 프로그램 협력", "en": "Youth education and exchange programs"}, "sector": "youth",
                    "status": "in_progress", "milestones": [{"title": {"ko": "교류 1차", "en": "First exchange"}, "due": "2024-03-31", "met": "2024-03-20"},
                                                            {"title": {"ko": "교류 2차", "en": "Second exchange"}, "due": "2024-09-30"}]},
                   {"number": 3, "title": {"ko": "미래 자동차 분야 생태계 구축", "en": "An ecosystem for the future automobile sector"}, "sector": "future_mobility"},
                   {"number": 4, "title": {"ko": "후쿠시마 원전 오염수 방류 공동 대응", "en": "Joint response to the Fukushima water discharge"},
                    "sector": "environment", "status": "dropped"}],
                 "documents": [{"url": "https://www.gg.go.kr/", "title": "경기도·광주광역시 상생발전 합의문 체결", "publisher": "경기도", "language": "ko"}],
                 "sources": [{"url": "https://www.asiae.co.kr/", "title": "Gyeonggi Province Partners with Gwangju City to Collaborate on 8 Major Tasks",
                              "publisher": "The Asia Business Daily", "language": "en"}]}"""
                .formatted(gyeonggi, kim, governor, gwangju, kang, mayor));
        create("/api/v1/agreements", """
                {"slug": "widgets-gyeonggi-chungnam", "title": {"ko": "경기도·충청남도 상생협력 협약", "en": "Gyeonggi–Chungnam cooperation agreement"},
                 "kind": "mutual_development", "status": "signed", "signedOn": "2022-07-01/2023-05-11",
                 "parties": [{"organizationId": "%s"}, {"organizationId": "%s"}],
                 "items": [{"number": 1, "title": {"ko": "베이밸리 메가시티 조성", "en": "The Bay Valley megacity"}, "status": "in_progress"}]}"""
                .formatted(gyeonggi, chungnam));

        String programme = create("/api/v1/programmes", """
                {"slug": "widgets-gwangju-2020", "title": {"ko": "2020년 시정 중점과제", "en": "Key initiatives for 2020"},
                 "kind": "annual_plan", "ownerId": "%s", "period": {"start": "2020", "end": "2020"}, "status": "draft",
                 "initiatives": [
                   {"number": 1, "title": {"ko": "AI 중심도시", "en": "AI hub city"}, "status": "on_track", "progress": 40},
                   {"number": 2, "title": {"ko": "11대 대표산업 육성", "en": "Eleven representative industries"},
                    "subItems": [{"number": 1, "title": {"ko": "AI·드론 산업", "en": "AI and drones"}},
                                 {"number": 2, "title": {"ko": "친환경 자동차 산업", "en": "Eco-friendly cars"}, "status": "on_track"}]},
                   {"number": 3, "title": {"ko": "수영도시 광주", "en": "City of Swimming"}, "status": "completed", "progress": 100}]}"""
                .formatted(gwangju));

        // Upcoming Gwangju events: tomorrow's meeting (the live test reschedules it), a briefing held in Berlin
        // time, a postponed and a cancelled one. Whole hours in Seoul, a few days ahead.
        ZonedDateTime base = ZonedDateTime.now(SEOUL).plusDays(2).truncatedTo(ChronoUnit.DAYS).withHour(10);
        String meeting = create("/api/v1/events", """
                {"title": {"ko": "AI 산업 협력 간담회", "en": "AI industry cooperation meeting"}, "type": "meeting",
                 "startsAt": "%s", "endsAt": "%s", "timeZone": "Asia/Seoul", "organizerId": "%s",
                 "location": {"name": {"ko": "광주광역시청 비즈니스룸", "en": "Gwangju City Hall business room"}},
                 "participants": [{"personId": "%s", "role": "host"}]}"""
                .formatted(ISO.format(base), ISO.format(base.plusMinutes(90)), gwangju, kang));
        ZonedDateTime berlin = base.plusDays(1).withZoneSameLocal(ZoneId.of("Europe/Berlin")).withHour(14);
        String briefing = create("/api/v1/events", """
                {"title": {"ko": "베를린 투자 설명회", "en": "Investment briefing in Berlin"}, "type": "policy_presentation",
                 "startsAt": "%s", "timeZone": "Europe/Berlin", "organizerId": "%s"}""".formatted(ISO.format(berlin), gwangju));
        String postponed = create("/api/v1/events", """
                {"title": {"ko": "청년 정책 토론회", "en": "Youth policy forum"}, "type": "meeting",
                 "startsAt": "%s", "timeZone": "Asia/Seoul", "organizerId": "%s"}""".formatted(ISO.format(base.plusDays(2)), gwangju));
        transition(postponed, "{\"to\": \"postponed\"}");
        String cancelled = create("/api/v1/events", """
                {"title": {"ko": "시민 자전거 대행진", "en": "Citizens' bicycle parade"}, "type": "ceremony",
                 "startsAt": "%s", "timeZone": "Asia/Seoul", "allDay": true, "organizerId": "%s"}"""
                .formatted(ISO.format(base.plusDays(3).withHour(0)), gwangju));
        transition(cancelled, "{\"to\": \"cancelled\"}");

        // Chungnam has nothing ahead, only two past events: its widget lists them latest first
        String pastOlder = create("/api/v1/events", """
                {"title": {"ko": "충남 상생협약 체결식", "en": "Chungnam agreement signing"}, "type": "signing_ceremony",
                 "startsAt": "2022-09-01T00:00:00+09:00", "timeZone": "Asia/Seoul", "allDay": true, "organizerId": "%s"}"""
                .formatted(chungnam));
        String pastNewer = create("/api/v1/events", """
                {"title": {"ko": "충남 정책 설명회", "en": "Chungnam policy briefing"}, "type": "policy_presentation",
                 "startsAt": "2023-05-12T14:00:00+09:00", "timeZone": "Asia/Seoul", "organizerId": "%s"}""".formatted(chungnam));

        // the widgets read what they need: wait until the list shows all four
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().baseUri(gateway)
                .queryParam("organization", "widgets-gwangju").queryParam("upcoming", "true").get("/api/v1/events")
                .then().statusCode(200).extract().<List<String>>path("items.id")).contains(meeting, briefing, postponed, cancelled));

        Map<String, String> env = new java.util.HashMap<>();
        env.put("ORGANIZATION", "widgets-gwangju");
        env.put("ORGANIZATION_ID", gwangju);
        env.put("PARTY", "widgets-gyeonggi");
        env.put("PERSON", "widgets-kim-dong-yeon");
        env.put("PROGRAMME", "widgets-gwangju-2020");
        env.put("PROGRAMME_ID", programme);
        env.put("AGREEMENT_ID", agreement);
        env.put("PARTY_ID", gyeonggi);
        env.put("PERSON_ID", kim);
        env.put("POST_ID", governor);
        env.put("MEMBERSHIP_ID", governorship);
        env.put("HOST_PERSON_ID", kang);
        env.put("EVENT_MEETING", meeting);
        env.put("EVENT_BERLIN", briefing);
        env.put("EVENT_POSTPONED", postponed);
        env.put("EVENT_CANCELLED", cancelled);
        env.put("PAST_ORGANIZATION", "widgets-chungnam");
        env.put("EVENT_PAST_NEWER", pastNewer);
        env.put("EVENT_PAST_OLDER", pastOlder);
        return env;
    }
}
