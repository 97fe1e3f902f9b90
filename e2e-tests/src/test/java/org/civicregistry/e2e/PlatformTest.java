package org.civicregistry.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.embedded.Keycloak;
import org.civicregistry.testsupport.SseClient;
import org.civicregistry.testsupport.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The platform as its users meet it, through the gateway only: the signing day of the
 * Gyeonggi–Gwangju agreement written across the three services, followed live over SSE and a
 * webhook, read back as a calendar, a broker outage in the middle of a burst of writes, and one
 * key's rate limit spent through two gateway processes.
 */
@ExtendWith(PlatformContract.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformTest {

    final ObjectMapper json = new ObjectMapper();
    Platform platform;
    SseClient stream;
    Receiver receiver;
    final Map<String, Integer> latestVersion = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        platform = Platform.get();
        RestAssured.baseURI = platform.gateway().toString();
        RestAssured.port = platform.gateway().getPort();
        stream = new SseClient(platform.gateway() + "/api/v1/stream", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.lastId() != null);
        receiver = new Receiver();
        String secret = admin().body("{\"url\": \"" + receiver.url() + "\"}").post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("secret");
        receiver.secret(secret);
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(Platform.get().adminToken()).contentType("application/json");
    }

    /** POSTs through the gateway, retrying while a service's read model has not learned a reference yet (422). */
    String create(String collection, String body) {
        return create(collection, body, Duration.ofSeconds(30));
    }

    String create(String collection, String body, Duration within) {
        String[] id = new String[1];
        await().atMost(within).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response response = admin().body(body).post(collection);
            if (response.statusCode() == 201) {
                id[0] = response.path("id");
                assertThat(response.header("Location")).startsWith(platform.gateway() + collection + "/");
                return true;
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
            return false;
        });
        latestVersion.put(id[0], 1);
        return id[0];
    }

    @Test
    @Order(1)
    void oneDocumentDescribesEveryService() {
        Map<String, Object> paths = given().get("/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        assertThat(paths).containsKeys("/api/v1/people", "/api/v1/organizations", "/api/v1/posts", "/api/v1/memberships",
                "/api/v1/agreements", "/api/v1/events", "/api/v1/events/calendar.ics", "/api/v1/stream", "/api/v1/webhooks");
    }

    @Test
    @Order(2)
    void theSigningDayAcrossTheServices() throws Exception {
        String gyeonggi = create("/api/v1/organizations", "{\"slug\": \"gyeonggi\", \"name\": {\"ko\": \"경기도\", \"en\": \"Gyeonggi Province\"}, \"classification\": \"province\"}");
        String gwangju = create("/api/v1/organizations", "{\"slug\": \"gwangju\", \"name\": {\"ko\": \"광주광역시\", \"en\": \"Gwangju Metropolitan City\"}, \"classification\": \"metropolitan_city\"}");
        String governor = create("/api/v1/posts", "{\"slug\": \"gyeonggi-governor\", \"label\": {\"ko\": \"경기도지사\"}, \"role\": \"governor\", \"organizationId\": \"" + gyeonggi + "\"}");
        String mayor = create("/api/v1/posts", "{\"slug\": \"gwangju-mayor\", \"label\": {\"ko\": \"광주광역시장\"}, \"role\": \"mayor\", \"organizationId\": \"" + gwangju + "\"}");
        String kim = create("/api/v1/people", "{\"slug\": \"kim-dong-yeon\", \"name\": {\"ko\": \"김동연\", \"en\": \"Kim Dong-yeon\"}}");
        String kang = create("/api/v1/people", "{\"slug\": \"kang-ki-jung\", \"name\": {\"ko\": \"강기정\", \"en\": \"Kang Ki-jung\"}}");
        create("/api/v1/memberships", "{\"personId\": \"" + kim + "\", \"postId\": \"" + governor + "\", \"start\": \"2022-07-01\"}");
        create("/api/v1/memberships", "{\"personId\": \"" + kang + "\", \"postId\": \"" + mayor + "\", \"start\": \"2022-07-01\"}");

        // agreements-service learns all of the above from civic.officials.v1, then checks the signatories' posts
        String agreement = create("/api/v1/agreements", """
                {"slug": "gyeonggi-gwangju-2023", "title": {"ko": "경기도·광주광역시 상생발전 합의문"}, "kind": "mutual_development",
                 "status": "signed", "signedOn": "2023-10-12",
                 "parties": [{"organizationId": "%s", "signatory": {"personId": "%s", "postId": "%s"}},
                             {"organizationId": "%s", "role": "host", "signatory": {"personId": "%s", "postId": "%s"}}],
                 "items": [{"number": 1, "title": {"ko": "AI 산업 생태계 활성화"}, "sector": "ai_industry"}]}"""
                .formatted(gyeonggi, kim, governor, gwangju, kang, mayor));
        // events-service learns officials and the agreement from both topics
        String ceremony = create("/api/v1/events", """
                {"title": {"ko": "상생발전 합의문 서명식", "en": "Signing of the mutual development agreement"}, "type": "signing_ceremony",
                 "startsAt": "2023-10-12T11:00:00+09:00", "endsAt": "2023-10-12T12:00:00+09:00", "timeZone": "Asia/Seoul",
                 "organizerId": "%s", "agreementId": "%s",
                 "participants": [{"personId": "%s", "role": "signatory"}, {"personId": "%s", "role": "signatory"}]}"""
                .formatted(gwangju, agreement, kim, kang));
        String lecture = create("/api/v1/events", """
                {"title": {"ko": "조선대학교 특강", "en": "Special lecture at Chosun University"}, "type": "special_lecture",
                 "startsAt": "2023-10-12T17:00:00+09:00", "timeZone": "Asia/Seoul", "organizerId": "%s",
                 "participants": [{"personId": "%s", "role": "speaker"}]}""".formatted(gyeonggi, kim));

        // the same agreement through the party filter, in signing order
        given().queryParam("party", "gyeonggi").get("/api/v1/agreements").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(agreement));
        // the calendar of Gwangju's events, for a citizen's calendar app
        String ics = given().queryParam("organization", gwangju).queryParam("from", "2023-10-01T00:00:00+09:00")
                .queryParam("to", "2023-10-31T00:00:00+09:00").get("/api/v1/events/calendar.ics")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/calendar")).extract().asString();
        assertThat(ics).contains("BEGIN:VCALENDAR", "UID:" + ceremony + "@civic-registry", "TZID:Asia/Seoul")
                .doesNotContain("UID:" + lecture);

        // every change reached the SSE client and the webhook receiver
        Set<String> subjects = new TreeSet<>(latestVersion.keySet());
        awaitDelivered(subjects);
    }

    @Test
    @Order(3)
    void nothingIsLostWhenTheBrokerStopsInTheMiddleOfABurst() throws Exception {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                platform.kafka().stop();
            }
            if (i == 20) {
                platform.kafka().start();
            }
            people.add(create("/api/v1/people", "{\"name\": {\"ko\": \"시민 " + i + "\", \"en\": \"Citizen " + i + "\"}}"));
        }
        awaitDelivered(new TreeSet<>(people));
        // the events read model learned every one of them: one event with all thirty as guests is accepted
        StringBuilder participants = new StringBuilder();
        for (String person : people) {
            participants.append(participants.isEmpty() ? "" : ",").append("{\"personId\": \"").append(person).append("\", \"role\": \"guest\"}");
        }
        String organizer = given().queryParam("slug", "gwangju").get("/api/v1/organizations").path("items[0].id");
        create("/api/v1/events", """
                {"title": {"ko": "시민 간담회"}, "type": "meeting", "startsAt": "2023-10-13T10:00:00+09:00",
                 "organizerId": "%s", "participants": [%s]}""".formatted(organizer, participants),
                // What is checked is that nothing is lost, not how soon: once a CI run, the events service's
                // consumer took over 30 s after the broker came back to learn the last people.
                Duration.ofSeconds(90));
        // in the topic, each person's creation is there; a repeat (at-least-once) carries the same version
        try (TopicReader reader = new TopicReader(platform.kafka().bootstrapServers(), "civic.officials.v1")) {
            var messages = reader.readUntil(all -> people.stream().allMatch(p -> all.stream().anyMatch(m -> p.equals(m.key()))),
                    Duration.ofSeconds(30));
            for (String person : people) {
                assertThat(messages.stream().filter(m -> person.equals(m.key())).map(m -> m.header("ce_type")).distinct().toList())
                        .containsExactly("civic.person.created");
            }
        }
    }

    /**
     * Two gateway processes share one allowance per key (buckets in the gateway's PostgreSQL): a
     * partner key's minute, spent by requests alternating between them, runs out once, for both.
     */
    @Test
    @Order(4)
    void aKeysQuotaIsSpentOnceAcrossTwoGatewayProcesses() throws Exception {
        String second = "http://localhost:" + platform.port(platform.startReplica("gateway"));
        String key = admin().body("{\"owner\": \"Newsroom\", \"contact\": \"desk@example.org\", \"tier\": \"partner\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        Map<String, List<Integer>> statuses = new HashMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < 2 * Platform.PARTNER_PER_MINUTE; i++) {
            String gateway = i % 2 == 0 ? platform.gateway().toString() : second;
            Response response = given().baseUri(gateway).header("X-Api-Key", key).queryParam("limit", 1).get("/api/v1/people");
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 429);
            statuses.computeIfAbsent(gateway, g -> new ArrayList<>()).add(response.statusCode());
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long served = statuses.values().stream().flatMap(List::stream).filter(s -> s == 200).count();
        // the minute's allowance, plus what refilled meanwhile (one request per 60/30 s), never one per process
        assertThat(served).isBetween((long) Platform.PARTNER_PER_MINUTE,
                Platform.PARTNER_PER_MINUTE + seconds * Platform.PARTNER_PER_MINUTE / 60 + 1);
        statuses.forEach((gateway, seen) -> assertThat(seen).as(gateway).contains(200, 429));
    }

    /**
     * The whole register through the gateway: every service's collections in one file, one position over
     * the three topics, and the SSE stream from that position begins with the first change after it.
     */
    @Test
    @Order(5)
    void theWholeRegisterDownloadsInOneFileThatJoinsTheStream() throws Exception {
        Response download = given().get("/api/v1/snapshot");
        download.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename=\"register-"))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"license\""));
        Set<String> collections = new TreeSet<>();
        Map<String, Integer> versions = new HashMap<>();
        for (String line : download.asString().split("\n")) {
            JsonNode node = json.readTree(line);
            collections.add(node.get("collection").asText());
            versions.put(node.get("record").get("id").asText(), node.get("record").get("version").asInt());
        }
        assertThat(collections).contains("agreements", "events", "memberships", "organizations", "people", "posts");
        // every record written so far, at the version it has now
        latestVersion.forEach((id, version) -> assertThat(versions).containsKey(id));
        Set<String> topics = new TreeSet<>();
        for (String partition : download.header("Civic-Stream-Position").split(",")) {
            topics.add(partition.substring(0, partition.indexOf('/')));
        }
        assertThat(topics).containsExactly("civic.agreements.v1", "civic.events.v1", "civic.officials.v1");

        String after = create("/api/v1/people", "{\"name\": {\"ko\": \"다운로드 후\", \"en\": \"After the download\"}}");
        try (SseClient following = new SseClient(platform.gateway() + "/api/v1/stream?topics=civic.officials.v1,civic.agreements.v1,"
                + "civic.events.v1", download.header("Civic-Last-Event-ID"))) {
            List<SseClient.Message> next = following.take(1, Duration.ofSeconds(30));
            assertThat(next).hasSize(1);
            JsonNode event = json.readTree(next.get(0).data());
            assertThat(event.path("subject").asText()).as("the first change after the download, nothing before it").isEqualTo(after);
            assertThat(event.path("type").asText()).isEqualTo("civic.person.created");
        }

        java.net.http.HttpResponse<java.io.InputStream> gzipped = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.gateway() + "/api/v1/snapshot"))
                        .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (java.util.zip.GZIPInputStream unzipped = new java.util.zip.GZIPInputStream(gzipped.body())) {
            assertThat(new String(unzipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(line -> line.substring(0, line.indexOf(",")))).contains("{\"collection\":\"people\"");
        }

        byte[] zip = given().queryParam("format", "csv").get("/api/v1/snapshot").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/zip")).extract().asByteArray();
        Set<String> files = new TreeSet<>();
        try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.add(entry.getName());
                assertThat(new String(entries.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("id,");
            }
        }
        assertThat(files).containsExactly("agreements.csv", "events.csv", "memberships.csv", "organizations.csv", "people.csv",
                "posts.csv", "programmes.csv");
    }

    /** A dump made now is in the DCAT catalogue with its size and checksum, and reads back with them. */
    @Test
    @Order(6)
    void aDumpIsCataloguedWithItsChecksumAndReadsBack() throws Exception {
        Response made = admin().post("/api/v1/dumps");
        made.then().statusCode(201);
        String ndjson = made.path("name") + ".ndjson.gz";
        String sha256 = made.path("files.find { it.name == '" + ndjson + "' }.sha256");
        int bytes = made.path("files.find { it.name == '" + ndjson + "' }.bytes");
        assertThat(made.jsonPath().getList("files.name")).containsExactly(ndjson, made.path("name") + ".zip");
        assertThat(made.jsonPath().getString("files[0].streamPosition")).contains("civic.officials.v1/", "civic.events.v1/");

        JsonNode catalogue = json.readTree(given().accept("application/ld+json").get("/api/v1/dumps").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/ld+json")).extract().asString());
        assertThat(catalogue.path("@type").asText()).isEqualTo("dcat:Catalog");
        JsonNode distribution = null;
        for (JsonNode candidate : catalogue.path("dcat:dataset").get(0).path("dcat:distribution")) {
            if (candidate.path("dcat:downloadURL").path("@id").asText().endsWith("/api/v1/dumps/" + ndjson)) {
                distribution = candidate;
            }
        }
        assertThat(distribution).as("the dump's distribution").isNotNull();
        assertThat(distribution.path("spdx:checksum").path("spdx:checksumValue").asText()).isEqualTo(sha256);
        assertThat(distribution.path("dcat:byteSize").path("@value").asLong()).isEqualTo(bytes);

        Response file = given().get("/api/v1/dumps/" + ndjson);
        file.then().statusCode(200).contentType("application/gzip").header("ETag", "\"" + sha256 + "\"")
                .header("Cache-Control", org.hamcrest.Matchers.containsString("immutable"));
        byte[] body = file.asByteArray();
        assertThat(body).hasSize(bytes);
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body))).isEqualTo(sha256);
        try (java.util.zip.GZIPInputStream lines = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            assertThat(new String(lines.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("{\"collection\":\"people\"");
        }
        given().get("/api/v1/dumps/register-20000101T000000Z.zip").then().statusCode(404);
        given().get("/api/v1/dumps/passwd").then().statusCode(404);
        given().contentType("application/json").post("/api/v1/dumps").then().statusCode(401);
    }

    /**
     * Staff sign in with Keycloak, and what they may write follows the jurisdictions an administrator
     * gave them there: Gwangju's editor and the integration client write under Gwangju (the signing
     * day's government), not under Gyeonggi, nor after trying to give themselves Gyeonggi in
     * Keycloak's account service; a reviewer alone writes nothing; tokens the realm did not
     * issue for the platform (another realm's, one signed with some other key) are refused.
     */
    @Test
    @Order(7)
    void staffSignInWithKeycloakAndWriteForTheirJurisdictionOnly() {
        Keycloak keycloak = platform.keycloak();
        String gwangju = given().queryParam("slug", "gwangju").get("/api/v1/organizations").path("items[0].id");
        String gyeonggi = given().queryParam("slug", "gyeonggi").get("/api/v1/organizations").path("items[0].id");
        String gwangjuEditor = platform.token(Keycloak.account("editor", "gwangju"));

        String office = given().auth().oauth2(gwangjuEditor).contentType("application/json")
                .body(office("sign-in-gwangju-office", gwangju)).post("/api/v1/organizations")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(gwangjuEditor).contentType("application/json")
                .body(office("sign-in-gyeonggi-office", gyeonggi)).post("/api/v1/organizations")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("[gwangju]"));
        given().auth().oauth2(platform.token(Keycloak.account("editor", "gyeonggi"))).contentType("application/merge-patch+json")
                .header("If-Match", "\"1\"").body("{\"classification\": \"other\"}").patch("/api/v1/organizations/" + office)
                .then().statusCode(403);
        given().auth().oauth2(platform.token(Keycloak.account("reviewer", "gwangju"))).contentType("application/json")
                .body(office("sign-in-reviewer-office", gwangju)).post("/api/v1/organizations")
                .then().statusCode(403);

        // Staff may keep their own profile in Keycloak's account service, but not their jurisdictions.
        String account = keycloak.issuer() + "/account";
        Map<String, Object> profile = given().auth().oauth2(gwangjuEditor).accept("application/json").get(account)
                .then().statusCode(200).extract().as(Map.class);
        profile.put("attributes", Map.of("jurisdictions", List.of("gwangju", "gyeonggi")));
        int answer = given().auth().oauth2(gwangjuEditor).contentType("application/json").body(profile).post(account).statusCode();
        assertThat(answer).as("the account service's answer to a jurisdictions change").isIn(204, 400, 403);
        given().auth().oauth2(platform.token(Keycloak.account("editor", "gwangju"))).contentType("application/json")
                .body(office("sign-in-gyeonggi-office", gyeonggi)).post("/api/v1/organizations")
                .then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("[gwangju]"));

        String integration;
        try {
            integration = keycloak.integrationToken();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        given().auth().oauth2(integration).contentType("application/json")
                .body(office("sign-in-integration-office", gwangju)).post("/api/v1/organizations")
                .then().statusCode(201);

        // Keycloak's own master realm: the same server and keys' format, another issuer and no audience of ours
        String master = given().baseUri(keycloak.issuer().replace("/realms/" + Keycloak.REALM, "/realms/master"))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", "admin-cli").formParam("username", "admin").formParam("password", keycloak.adminPassword())
                .post("/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        // the test key pair's admin: right issuer name for the old local keys, but not signed by the realm
        for (String refused : List.of(master, org.civicregistry.testsupport.Tokens.admin(), "not-a-token")) {
            given().auth().oauth2(refused).contentType("application/json")
                    .body(office("sign-in-refused-office", gwangju)).post("/api/v1/organizations")
                    .then().statusCode(401);
        }
    }

    private static String office(String slug, String parentId) {
        return """
                {"slug": "%s", "name": {"ko": "사무소", "en": "Office"}, "classification": "government_agency", "parentId": "%s"}"""
                .formatted(slug, parentId);
    }

    /** Waits until the SSE client and the webhook receiver have seen every subject at its latest version, in order. */
    private void awaitDelivered(Set<String> subjects) {
        List<SseClient.Message> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            seen.addAll(stream.drain(Duration.ZERO));
            assertThat(versionsBySubject(seen.stream().map(SseClient.Message::data).toList())).as("SSE")
                    .containsAllEntriesOf(expected(subjects));
            assertThat(versionsBySubject(receiver.deliveries().stream().map(Receiver.Delivery::body).toList())).as("webhook")
                    .containsAllEntriesOf(expected(subjects));
        });
        assertThat(receiver.deliveries()).allMatch(Receiver.Delivery::signed);
        // per subject, versions only grow: no change out of order, none twice over SSE
        Map<String, List<Integer>> sse = versionsBySubject(seen.stream().map(SseClient.Message::data).toList());
        subjects.forEach(s -> assertThat(sse.get(s)).as("SSE versions of " + s).isSorted().doesNotHaveDuplicates());
    }

    private Map<String, List<Integer>> expected(Set<String> subjects) {
        Map<String, List<Integer>> expected = new HashMap<>();
        subjects.forEach(s -> expected.put(s, List.of(1)));
        return expected;
    }

    private Map<String, List<Integer>> versionsBySubject(List<String> cloudEvents) {
        Map<String, List<Integer>> versions = new HashMap<>();
        for (String event : cloudEvents) {
            JsonNode node;
            try {
                node = json.readTree(event);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("not a CloudEvent: " + event, e);
            }
            versions.computeIfAbsent(node.path("subject").asText(), k -> new ArrayList<>()).add(node.path("data").path("version").asInt());
        }
        return versions;
    }
}
