package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Sql;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * A collection's download ends exactly where the change stream is: loaded, then followed from the
 * position it states, it gives the register as it is, every version once.
 */
@OfficialsTest
class SnapshotTest {

    static final String TOPIC = ChangeStreamTest.TOPIC;
    final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSnapshotTakenWhileWritesGoOnJoinsTheStreamWithNoGapAndNoDouble() throws Exception {
        List<String> people = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(Api.person(Api.unique("snap-" + i), "사람" + i, "Person " + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int round = 0; writing.get() || round < 3; round++) {
                for (String id : people) {
                    patch(id, "{\"birthDate\": \"19" + (10 + round % 80) + "\"}");
                    written.incrementAndGet();
                }
                people.add(Api.person(Api.unique("snap-new"), "새사람", "Newcomer"));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= 8);
        Response download = given().accept("application/x-ndjson").get("/api/v1/people/snapshot");
        int writtenBefore = written.get();
        download.then().statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .header("Link", containsString("rel=\"license\""))
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", containsString("filename=\"people-"))
                .header("Civic-Snapshot-Parked", "0");
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= writtenBefore + 16);
        writing.set(false);
        writer.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(dataSource, "select count(*) from outbox_event") == 0);

        Map<TopicPartition, Long> position = position(download.header("Civic-Stream-Position"));
        assertThat(StreamPositions.decode(download.header("Civic-Last-Event-ID"))).isEqualTo(position);
        Map<String, JsonNode> register = new LinkedHashMap<>();
        for (JsonNode record : lines(download.asString())) {
            assertThat(register.put(record.get("id").asText(), record)).as("one line per record").isNull();
        }
        assertThat(register).containsKeys(people.get(0));
        int changesAfter = 0;
        for (ConsumerRecord<String, byte[]> event : from(position)) {
            String type = new String(event.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
            if (!type.startsWith("civic.person.")) {
                continue;
            }
            JsonNode data = json.readTree(event.value());
            JsonNode known = register.get(event.key());
            int expected = known == null ? 1 : known.get("version").asInt() + 1;
            assertThat(data.get("version").asInt()).as("the version after %s of %s", known == null ? "none" : known.get("version"),
                    event.key()).isEqualTo(expected);
            register.put(event.key(), data);
            changesAfter++;
        }
        assertThat(changesAfter).as("changes made while and after the snapshot was taken").isGreaterThan(0);
        assertThat(register.get(people.get(0)).get("version").asInt()).as("changes before it").isGreaterThan(1);

        Map<String, JsonNode> now = new HashMap<>();
        lines(given().get("/api/v1/people/snapshot").then().statusCode(200).extract().asString())
                .forEach(record -> now.put(record.get("id").asText(), record));
        assertThat(register).isEqualTo(now);
        assertThat(now.get(people.get(0))).isEqualTo(json.readTree(given().get("/api/v1/people/" + people.get(0)).asString()));
    }

    /** Every collection of the service from one snapshot: one position covers people and organizations alike. */
    @Test
    void theServiceDownloadHoldsEveryCollectionAndJoinsTheStreamToo() throws Exception {
        String person = Api.person(Api.unique("all-person"), "모두", "Everyone");
        String parent = Api.organization(Api.unique("all-org"), "전체", "Whole", "province", null);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int round = 0; writing.get() || round < 3; round++) {
                patch(person, "{\"birthDate\": \"19" + (10 + round % 80) + "\"}");
                Api.organization(Api.unique("all-child"), "하위", "Child", "city", parent);
                written.addAndGet(2);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= 4);
        Response download = given().get("/api/v1/snapshot");
        int writtenBefore = written.get();
        download.then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .header("Content-Disposition", containsString("filename=\"officials-"))
                .header("Link", containsString("rel=\"license\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= writtenBefore + 6);
        writing.set(false);
        writer.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(dataSource, "select count(*) from outbox_event") == 0);

        Map<String, JsonNode> register = keyed(download.asString());
        assertThat(register.keySet()).anyMatch(key -> key.startsWith("people/")).anyMatch(key -> key.startsWith("organizations/"))
                .contains("people/" + person, "organizations/" + parent);
        Map<String, String> collections = Map.of("person", "people", "organization", "organizations", "post", "posts",
                "membership", "memberships");
        int changesAfter = 0;
        for (ConsumerRecord<String, byte[]> event : from(position(download.header("Civic-Stream-Position")))) {
            String type = new String(event.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
            String key = collections.get(type.split("\\.")[1]) + "/" + event.key();
            JsonNode data = json.readTree(event.value());
            JsonNode known = register.get(key);
            assertThat(data.get("version").asInt()).as("the version after %s of %s", known == null ? "none" : known.get("version"), key)
                    .isEqualTo(known == null ? 1 : known.get("version").asInt() + 1);
            register.put(key, data);
            changesAfter++;
        }
        assertThat(changesAfter).isGreaterThan(0);
        assertThat(register).isEqualTo(keyed(given().get("/api/v1/snapshot").then().statusCode(200).extract().asString()));

        byte[] zip = given().queryParam("format", "csv").get("/api/v1/snapshot").then().statusCode(200)
                .contentType(containsString("application/zip")).header("Content-Disposition", containsString(".zip\""))
                .extract().asByteArray();
        Map<String, List<CSVRecord>> files = new HashMap<>();
        try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String text = new String(entries.readAllBytes(), StandardCharsets.UTF_8);
                try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
                    files.put(entry.getName(), csv.getRecords());
                }
            }
        }
        assertThat(files).containsOnlyKeys("memberships.csv", "organizations.csv", "people.csv", "posts.csv");
        assertThat(files.get("people.csv")).anySatisfy(row -> assertThat(row.get("id")).isEqualTo(person));
        assertThat(files.get("organizations.csv")).anySatisfy(row -> assertThat(row.get("name.en")).isEqualTo("Whole"));
    }

    /** The service download's lines by collection/id, each line once. */
    private Map<String, JsonNode> keyed(String ndjson) throws IOException {
        Map<String, JsonNode> records = new HashMap<>();
        for (JsonNode line : lines(ndjson)) {
            String key = line.get("collection").asText() + "/" + line.get("record").get("id").asText();
            assertThat(records.put(key, line.get("record"))).as("one line per record").isNull();
        }
        return records;
    }

    @Test
    void theCsvDownloadReadsInACsvParserWithOneColumnALanguage() throws Exception {
        String id = Api.admin().body(Map.of("slug", Api.unique("csv-person"),
                "name", Map.of("ko", "홍길동, \"의적\"", "en", "Hong Gil-dong, \"the outlaw\"")))
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        String body = given().queryParam("format", "csv").get("/api/v1/people/snapshot").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString(".csv\""))
                .extract().asString();
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))) {
            assertThat(csv.getHeaderNames()).startsWith("id", "slug", "name.ko", "name.en").contains("identifiers", "version");
            List<CSVRecord> rows = csv.getRecords();
            CSVRecord row = rows.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
            assertThat(row.get("name.ko")).isEqualTo("홍길동, \"의적\"");
            assertThat(row.get("name.en")).isEqualTo("Hong Gil-dong, \"the outlaw\"");
            assertThat(row.get("version")).isEqualTo("1");
            assertThat(json.readTree(row.get("identifiers")).isArray()).isTrue();
            String ndjson = given().accept("application/x-ndjson").get("/api/v1/people/snapshot").asString();
            assertThat(rows).hasSizeGreaterThanOrEqualTo(lines(ndjson).size());
        }
        given().accept("text/csv").get("/api/v1/people/snapshot").then().statusCode(200).contentType(containsString("text/csv"));
    }

    @Test
    void aDownloadIsGzippedWhenTheClientAcceptsIt() throws Exception {
        Api.person(Api.unique("gzip-person"), "압축", "Gzip");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/people/snapshot"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            String text = new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lines(text)).isNotEmpty().allSatisfy(record -> assertThat(record.has("id")).isTrue());
        }
    }

    /** jq, a client that is not Java, reads the download line by line. */
    @Test
    void jqReadsTheNdjson() throws Exception {
        String id = Api.person(Api.unique("jq-person"), "제이큐", "Jay Queue");
        byte[] body = given().get("/api/v1/people/snapshot").then().statusCode(200).extract().asByteArray();
        Process jq = new ProcessBuilder("jq", "-r", "select(.id == \"" + id + "\") | .name.en").start();
        jq.getOutputStream().write(body);
        jq.getOutputStream().close();
        String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jq.waitFor()).as(new String(jq.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(out.strip()).isEqualTo("Jay Queue");
    }

    /** A download cannot say where it ends while changes wait to be published: a 503 to retry, not a wrong position. */
    @Test
    void whileTheRelayCannotPublishADownloadIsRefusedAndNoWriterIsHeldBack() throws Exception {
        try (RelayLock held = RelayLock.take(dataSource, TOPIC)) {
            Api.person(Api.unique("unpublished"), "대기", "Waiting");
            given().get("/api/v1/people/snapshot").then().statusCode(503)
                    .contentType(containsString("application/problem+json"))
                    .header("Retry-After", "5")
                    .body("type", equalTo("https://civic-registry.org/problems/unavailable"));
            // writers went on all along
            Api.person(Api.unique("unblocked"), "계속", "Going on");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(dataSource, "select count(*) from outbox_event") == 0);
        given().get("/api/v1/people/snapshot").then().statusCode(200);
    }

    @Test
    void anUnknownFormatOrMediaTypeIsAProblem() {
        given().filter(Contract.responsesOnly()).queryParam("format", "xml").get("/api/v1/people/snapshot").then().statusCode(400)
                .body("detail", containsString("format"));
        // an empty Accept is no preference (the generated bad input found it a 500)
        given().filter(Contract.responsesOnly()).header("Accept", "").get("/api/v1/people/snapshot").then().statusCode(200)
                .contentType(containsString("application/x-ndjson"));
        given().filter(Contract.responsesOnly()).accept("text/html").get("/api/v1/people/snapshot").then().statusCode(406)
                .contentType(containsString("application/problem+json"));
    }

    private void patch(String id, String body) {
        int version = given().get("/api/v1/people/" + id).then().statusCode(200).extract().path("version");
        Api.admin().header("If-Match", "\"" + version + "\"").contentType("application/merge-patch+json").body(body)
                .patch("/api/v1/people/" + id).then().statusCode(200);
    }

    private List<JsonNode> lines(String ndjson) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isEmpty()) {
                records.add(json.readTree(line));
            }
        }
        return records;
    }

    private static Map<TopicPartition, Long> position(String header) {
        Map<TopicPartition, Long> position = new HashMap<>();
        for (String part : header.split(",")) {
            String[] at = part.split("=");
            int slash = at[0].lastIndexOf('/');
            position.put(new TopicPartition(at[0].substring(0, slash), Integer.parseInt(at[0].substring(slash + 1))),
                    Long.parseLong(at[1]));
        }
        return position;
    }

    /** Every event from {@code position} to the end of every partition, as a Kafka client following on reads them. */
    private static List<ConsumerRecord<String, byte[]>> from(Map<TopicPartition, Long> position) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(position.keySet());
            position.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(position.keySet());
            List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime()).as("read to the end of the topic in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(events::add);
            }
            return events;
        }
    }
}
