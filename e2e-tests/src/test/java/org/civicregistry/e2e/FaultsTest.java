package org.civicregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.embedded.Database;
import org.civicregistry.embedded.Topology;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.SseClient;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into the running platform while writes go on through the gateway: the broker
 * killed (SIGKILL, it runs in its own process) and started again, officials-service killed
 * (SIGKILL) and restarted, its database connections terminated, and events repeated and replayed
 * out of order to every consumer. After each, every committed change reached the read models of
 * agreements- and events-service, the SSE stream and the webhook at its final version, and no
 * request got a 500. Figures go to
 * {@code target/reliability/faults.json} and to lines starting with {@code FAULTS}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FaultsTest.class);

    static final String OFFICIALS = "officials-service";

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<SseClient.Message> seen = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Object> report = new LinkedHashMap<>();
    final List<String> fiveHundreds = Collections.synchronizedList(new ArrayList<>());
    final List<String> notProblems = Collections.synchronizedList(new ArrayList<>());
    /** Answers, faults included (503s, 504s), that the gateway's platform document does not promise. */
    final List<String> contractBreaks = Collections.synchronizedList(new ArrayList<>());
    Platform platform;
    URI gateway;
    SseClient stream;
    Receiver receiver;
    Connection admin;
    Database own;

    @BeforeAll
    void start() throws Exception {
        platform = Platform.get();
        gateway = platform.gateway();
        stream = new SseClient(gateway + "/api/v1/stream", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.lastId() != null);
        receiver = new Receiver();
        HttpResponse<String> webhook = call("POST", "/api/v1/webhooks", "{\"url\": \"" + receiver.url() + "\"}", null);
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(201);
        receiver.secret(json.readTree(webhook.body()).path("secret").asText());
        // a superuser connection to the platform's PostgreSQL server, to read the read models and terminate connections
        own = Database.create("e2e_faults");
        admin = DriverManager.getConnection(own.jdbcUrl(), own.username(), own.password());
    }

    @AfterAll
    void stop() throws Exception {
        if (!platform.kafka().running()) {
            platform.kafka().start();
        }
        report.put("requestsGettingA500", fiveHundreds.size());
        report.put("errorsNotProblemJson", notProblems.size());
        report.put("answersBreakingTheDocument", contractBreaks.size());
        Path file = Path.of("target", "reliability", "faults.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        LOG.info("FAULTS report " + json.writeValueAsString(report));
        stream.close();
        receiver.close();
        admin.close();
    }

    /**
     * The broker killed (SIGKILL) for {@code civic.faults.outage-seconds} (120 by default) while
     * writes and reads go on: every service and the gateway stay ready and every read answers 200
     * throughout, writes succeed, the stream health group reports the backlog, and afterwards every
     * change reaches both read models, SSE and the webhook.
     */
    @Test
    @Order(1)
    void brokerKilledDuringABurst() throws Exception {
        Duration outage = Duration.ofSeconds(Integer.getInteger("civic.faults.outage-seconds", 120));
        OffsetDateTime since = now();
        Burst burst = new Burst("broker", 250).start();
        Availability watch = new Availability().start();
        Thread.sleep(1000);
        long stopped = System.nanoTime();
        platform.kafka().kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> streamHealth(OFFICIALS) == 503);
        long reported = millisSince(stopped);
        Thread.sleep(Math.max(0, outage.toMillis() - millisSince(stopped)));
        long started = System.nanoTime();
        platform.kafka().start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> streamHealth(OFFICIALS) == 200);
        long caughtUp = millisSince(started);
        watch.stop();
        burst.stop();
        Map<String, Object> figures = burst.figures();
        figures.put("outageMillis", Duration.ofNanos(started - stopped).toMillis());
        figures.put("streamHealthDownAfterMillis", reported);
        figures.put("streamHealthUpAfterRestartMillis", caughtUp);
        figures.putAll(watch.figures());
        figures.putAll(deliveredExactlyOnceInEffect(since));
        finish("brokerKilled", figures, burst);
        assertThat(burst.createdDuringFault.get()).as("writes accepted while the broker was away").isPositive();
        assertThat(watch.probes.get()).as("readiness and reads probed during the outage").isGreaterThan(10);
        assertThat(watch.notReady).as("readiness answers other than 200").isEmpty();
        assertThat(watch.failedReads).as("reads answering other than 200").isEmpty();
    }

    @Test
    @Order(2)
    void upstreamKilledDuringABurstAndRestarted() throws Exception {
        OffsetDateTime since = now();
        Burst burst = new Burst("kill").start();
        Thread.sleep(1000);
        burst.faulted.set(true);
        long killed = System.nanoTime();
        platform.kill(OFFICIALS);
        // while it is gone, the gateway answers for it with 502/503/504 problems, never a 500
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> read = call("GET", "/api/v1/people?limit=1", null, null);
            answers.add(read.statusCode());
            assertThat(read.statusCode()).as(read.body()).isIn(502, 503, 504);
            assertThat(read.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            // the gateway stays ready and serves the other upstreams meanwhile
            assertThat(platform.ready("gateway")).as("gateway ready while one upstream is down").isTrue();
            assertThat(call("GET", "/api/v1/events?limit=1", null, null).statusCode()).isEqualTo(200);
            Thread.sleep(200);
        }
        platform.restart(OFFICIALS);
        long restarted = millisSince(killed);
        // the gateway recovers (its circuit breaker closes again)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", "/api/v1/people?limit=1", null, null).statusCode() == 200);
        long recovered = millisSince(killed);
        Thread.sleep(1000);
        burst.stop();
        Map<String, Object> figures = burst.figures();
        figures.put("gatewayAnswersWhileDown", answers);
        figures.put("restartedAfterMillis", restarted);
        figures.put("gatewayRecoveredAfterMillis", recovered);
        figures.putAll(deliveredExactlyOnceInEffect(since));
        finish("serviceKilled", figures, burst);
        assertThat(burst.upstreamFailures.get()).as("writes refused with 502/503/504 while it was down").isPositive();
    }

    @Test
    @Order(3)
    void databaseConnectionsTerminatedUnderLoad() throws Exception {
        OffsetDateTime since = now();
        Burst burst = new Burst("pgterm").start();
        Thread.sleep(800);
        String database = databaseOf("officials");
        int terminated = 0;
        for (int i = 0; i < 5; i++) {
            try (PreparedStatement kill = admin.prepareStatement(
                    "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                kill.setString(1, database);
                try (ResultSet rs = kill.executeQuery()) {
                    rs.next();
                    terminated += rs.getInt(1);
                }
            }
            Thread.sleep(500);
        }
        Thread.sleep(1500);
        burst.stop();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> platform.ready(OFFICIALS));
        Map<String, Object> figures = burst.figures();
        figures.put("connectionsTerminated", terminated);
        figures.put("terminations", 5);
        figures.putAll(deliveredExactlyOnceInEffect(since));
        finish("databaseConnectionsTerminated", figures, burst);
        assertThat(terminated).isPositive();
    }

    @Test
    @Order(4)
    void repeatedAndOutOfOrderEventsLeaveTheNewestVersion() throws Exception {
        awaitGatewayServesOfficials();
        String id = createPerson("순서 시험", "Order test");
        for (String name : List.of("두번째", "세번째")) {
            patchName(id, name);
        }
        awaitReadModels(id, 3);
        List<JsonNode> versions = new ArrayList<>();
        json.readTree(call("GET", "/api/v1/people/" + id + "/history", null, null).body()).path("items")
                .forEach(item -> versions.add(item.get("snapshot")));
        assertThat(versions).hasSize(3);
        int injected = 0;
        try (TopicWriter writer = new TopicWriter(platform.kafka().bootstrapServers())) {
            // the newest again, then the older ones, then the first once more: repeats and late arrivals
            for (int index : new int[] { 2, 2, 1, 0, 1, 0 }) {
                JsonNode snapshot = versions.get(index);
                writer.send("civic.officials.v1", "/civic-registry/officials", index == 0 ? "civic.person.created" : "civic.person.updated",
                        id, snapshot.toString());
                injected++;
            }
        }
        // a real change after the injected ones: same key, same partition, so once it is in, they were all consumed
        patchName(id, "네번째");
        awaitReadModels(id, 4);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("eventsInjected", injected);
        figures.put("consumers", List.of("agreements-service read model", "events-service read model", "gateway SSE", "gateway webhooks"));
        figures.put("readModelVersions", Map.of("agreements", readModelVersion("agreements", id), "events", readModelVersion("events", id)));
        // the events read model also names the person by the newest name in a calendar
        String organizer = createOrganization();
        String event = createWithRetry("/api/v1/events", """
                {"title": {"ko": "순서 시험 행사"}, "type": "meeting", "startsAt": "2023-11-01T10:00:00+09:00", "organizerId": "%s",
                 "participants": [{"personId": "%s", "role": "guest"}]}""".formatted(organizer, id));
        String ics = call("GET", "/api/v1/events/" + event + "/calendar.ics?lang=ko", null, null).body()
                .replace("\r\n ", "").replace("\n ", "");
        assertThat(ics).contains("UID:" + event + "@civic-registry").contains("네번째").doesNotContain("세번째", "두번째");
        // what the gateway's SSE stream and webhooks passed on for the person
        Map<String, List<Integer>> delivered = new TreeMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            seen.addAll(stream.drain(Duration.ZERO));
            assertThat(versionsOf(seenData(), id)).contains(4);
            assertThat(versionsOf(receiver.deliveries().stream().map(Receiver.Delivery::body).toList(), id)).contains(4);
        });
        delivered.put("sse", versionsOf(seenData(), id));
        delivered.put("webhook", versionsOf(receiver.deliveries().stream().map(Receiver.Delivery::body).toList(), id));
        figures.put("versionsPassedOn", delivered);
        report.put("duplicatesAndOutOfOrder", figures);
        LOG.info("FAULTS duplicatesAndOutOfOrder " + json.writeValueAsString(figures));
        assertThat(readModelVersion("agreements", id)).isEqualTo(4);
        assertThat(readModelVersion("events", id)).isEqualTo(4);
        // the gateway passes each version on once, in order: the injected repeats and late arrivals add nothing
        assertThat(delivered.get("sse")).containsExactly(1, 2, 3, 4);
        assertThat(delivered.get("webhook")).containsExactly(1, 2, 3, 4);
        assertThat(fiveHundreds).isEmpty();
        assertThat(contractBreaks).isEmpty();
    }

    /**
     * A record that is not a CloudEvent on each of the three topics: every consumer that reads the
     * topic moves it to the dead-letter topic with the reason, and the changes after it on the same
     * partition reach the read models, SSE and the webhook.
     */
    @Test
    @Order(5)
    void aPoisonRecordOnEveryTopicIsDeadLetteredAndTheStreamsGoOn() throws Exception {
        awaitGatewayServesOfficials();
        OffsetDateTime since = now();
        String person = createPerson("독 시험", "Poison test");
        Map<String, String> poisonKeys = new LinkedHashMap<>();
        try (TopicWriter writer = new TopicWriter(platform.kafka().bootstrapServers())) {
            // The officials poison shares the person's key, so its partition: the change after it must still arrive.
            poisonKeys.put("civic.officials.v1", person);
            poisonKeys.put("civic.agreements.v1", java.util.UUID.randomUUID().toString());
            poisonKeys.put("civic.events.v1", java.util.UUID.randomUUID().toString());
            poisonKeys.forEach((topic, key) -> writer.sendRaw(topic, key, "{not a cloud event".getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        patchName(person, "독 이후");
        Map<String, Object> figures = deliveredExactlyOnceInEffect(since);
        Map<String, Set<String>> deadLettered = new TreeMap<>();
        try (TopicReader dead = new TopicReader(platform.kafka().bootstrapServers(), "civic.deadletter.v1")) {
            Set<String> keys = Set.copyOf(poisonKeys.values());
            // officials: agreements, events and the webhook ingest; agreements: events and webhooks; events: webhooks
            dead.readUntil(messages -> messages.stream().filter(m -> keys.contains(m.key())).count() >= 6, Duration.ofSeconds(60))
                    .stream().filter(m -> keys.contains(m.key())).forEach(m -> deadLettered
                            .computeIfAbsent(m.header("civic-dlq-topic"), k -> new java.util.TreeSet<>()).add(m.header("civic-dlq-consumer")));
        }
        figures.put("deadLetteredBy", deadLettered);
        report.put("poisonRecords", figures);
        LOG.info("FAULTS poisonRecords " + json.writeValueAsString(figures));
        assertThat(figures.get("eventsLost")).isEqualTo(0);
        assertThat(deadLettered.get("civic.officials.v1")).contains("agreements-service", "events-service", "civic-gateway-webhooks");
        assertThat(deadLettered.get("civic.agreements.v1")).contains("events-service", "civic-gateway-webhooks");
        assertThat(deadLettered.get("civic.events.v1")).contains("civic-gateway-webhooks");
        assertThat(fiveHundreds).isEmpty();
    }

    /**
     * agreements-service's database refuses every connection for a while (as during a restart) while
     * officials-service writes: agreements' read model misses none of those changes once it is back.
     */
    @Test
    @Order(6)
    void theAgreementsDatabaseAwayLosesNoReadModelEvent() throws Exception {
        awaitGatewayServesOfficials();
        OffsetDateTime since = now();
        Burst burst = new Burst("agreements-db", 100).start();
        Thread.sleep(500);
        String database = databaseOf("agreements");
        try (Statement s = admin.createStatement()) {
            s.execute("alter database " + database + " with allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        }
        long away = System.nanoTime();
        try {
            // longer than the old consumer's five attempts, a second apart, before it skipped an event
            Thread.sleep(10_000);
        } finally {
            try (Statement s = admin.createStatement()) {
                s.execute("alter database " + database + " with allow_connections true");
            }
        }
        long awayMillis = millisSince(away);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> platform.ready("agreements-service"));
        burst.stop();
        Map<String, Object> figures = burst.figures();
        figures.put("databaseAwayMillis", awayMillis);
        figures.putAll(deliveredExactlyOnceInEffect(since));
        finish("agreementsDatabaseAway", figures, burst);
        assertThat((Integer) figures.get("recordsCommitted")).isPositive();
    }

    /**
     * An agreement grown item by item through the gateway until one more item would make it larger
     * than one record may be: that write is a 422 problem naming the limit, and the changes after it
     * reach the stream.
     */
    @Test
    @Order(7)
    void anAgreementGrownPastTheRecordLimitIsRefusedAndTheStreamGoesOn() throws Exception {
        awaitGatewayServesOfficials();
        String organization = createOrganization();
        String agreement = createWithRetry("/api/v1/agreements", """
                {"title": {"ko": "큰 협약", "en": "A large agreement"}, "kind": "mou", "parties": [{"organizationId": "%s"}]}"""
                .formatted(organization));
        HttpResponse<String> refused = null;
        int added = 0;
        for (int number = 1; number <= 60 && refused == null; number++) {
            ObjectNode item = json.createObjectNode().put("number", number);
            item.putObject("title").put("ko", "항목 " + number).put("en", "Item " + number);
            item.putObject("description").put("ko", "설명".repeat(2500)).put("en", "d".repeat(5000));
            var milestones = item.putArray("milestones");
            for (int m = 0; m < 50; m++) {
                milestones.addObject().putObject("title").put("ko", "단계".repeat(250)).put("en", "m".repeat(500));
            }
            HttpResponse<String> response = call("POST", "/api/v1/agreements/" + agreement + "/items", item.toString(), null);
            if (response.statusCode() == 201) {
                added++;
            } else {
                refused = response;
            }
        }
        assertThat(refused).as("a write past the record limit").isNotNull();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).path("type").asText()).isEqualTo("https://civic-registry.org/problems/record-too-large");
        String after = createPerson("큰 협약 이후", "After the large agreement");
        int lastVersion = added + 1;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            seen.addAll(stream.drain(Duration.ZERO));
            assertThat(versionsOf(seenData(), agreement)).contains(lastVersion);
            assertThat(versionsOf(seenData(), after)).contains(1);
        });
        report.put("oversizedWrite", Map.of("itemsAccepted", added, "refusedWith", refused.statusCode()));
        assertThat(fiveHundreds).isEmpty();
        assertThat(contractBreaks).isEmpty();
    }

    /**
     * Two replicas of each service share its database: the one that publishes is killed (SIGKILL)
     * mid-burst and its lock session ended on the server; the other takes over, and every change
     * arrives, every version, none out of order. For officials the check includes both read models.
     */
    @Test
    @Order(8)
    void theRelayLeaderKilledMidBurstIsReplacedAndNothingIsLost() throws Exception {
        awaitGatewayServesOfficials();
        String second = makeTheSecondReplicaPublish(OFFICIALS, "officials", "civic.officials.v1");
        OffsetDateTime since = now();
        Burst burst = new Burst("leader", 50).start();
        Thread.sleep(2000);
        Map<String, Object> takeover = killThePublisher(second, "officials", "civic.officials.v1");
        Thread.sleep(2000);
        burst.stop();
        Map<String, Object> figures = burst.figures();
        figures.putAll(takeover);
        figures.putAll(deliveredExactlyOnceInEffect(since));
        finish("relayLeaderKilled", figures, burst);

        String organization = createOrganization();
        // once both read models know the organization, every write of the writers below can name it
        createWithRetry("/api/v1/agreements", """
                {"title": {"ko": "조직 확인"}, "kind": "mou", "parties": [{"organizationId": "%s"}]}""".formatted(organization));
        createWithRetry("/api/v1/events", """
                {"title": {"ko": "조직 확인"}, "type": "meeting", "startsAt": "2023-11-01T10:00:00+09:00", "organizerId": "%s"}"""
                .formatted(organization));
        for (String[] service : new String[][] { { "agreements-service", "agreements", "civic.agreements.v1", "/api/v1/agreements" },
                { "events-service", "events", "civic.events.v1", "/api/v1/events" } }) {
            String replica = makeTheSecondReplicaPublish(service[0], service[1], service[2]);
            OffsetDateTime from = now();
            Writer writer = new Writer(service[3], organization).start();
            Thread.sleep(2000);
            Map<String, Object> result = killThePublisher(replica, service[1], service[2]);
            Thread.sleep(2000);
            writer.stop();
            result.put("written", writer.written.get());
            result.putAll(deliveredOnStreams(service[3], from));
            report.put("relayLeaderKilled-" + service[1], result);
            LOG.info("FAULTS relayLeaderKilled-" + service[1] + " " + json.writeValueAsString(result));
            assertThat(writer.failures).as("writes that failed").isEmpty();
            assertThat(writer.written.get()).isPositive();
            assertThat(result.get("recordsMissingAVersion")).isEqualTo(0);
            assertThat(result.get("recordsRepeatedOrOutOfOrder")).isEqualTo(0);
        }
        assertThat(fiveHundreds).isEmpty();
        assertThat(contractBreaks).isEmpty();
    }

    /**
     * A receiver that takes 10 s to answer each delivery, beside the fast one: the fast one gets every
     * change of a burst while the slow one is still on its first deliveries.
     */
    @Test
    @Order(9)
    void aSlowWebhookReceiverDoesNotDelayTheOthers() throws Exception {
        awaitGatewayServesOfficials();
        try (Receiver slow = new Receiver(Duration.ofSeconds(10))) {
            HttpResponse<String> webhook = call("POST", "/api/v1/webhooks", "{\"url\": \"" + slow.url() + "\"}", null);
            assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(201);
            slow.secret(json.readTree(webhook.body()).path("secret").asText());
            Map<String, Long> createdAt = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                String id = createPerson("느린 수신 " + i, "Slow receiver " + i);
                createdAt.put(id, System.nanoTime());
            }
            Map<String, Long> latencyMillis = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (Receiver.Delivery delivery : receiver.deliveries()) {
                    String subject = json.readTree(delivery.body()).path("subject").asText();
                    if (createdAt.containsKey(subject) && delivery.signed()) {
                        latencyMillis.putIfAbsent(subject, Duration.ofNanos(delivery.receivedNanos() - createdAt.get(subject)).toMillis());
                    }
                }
                return latencyMillis.size() == createdAt.size();
            });
            int slowMeanwhile = slow.deliveries().size();
            long worst = latencyMillis.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("changes", createdAt.size());
            figures.put("fastReceiverWorstLatencyMillis", worst);
            figures.put("fastReceiverMedianLatencyMillis", latencyMillis.values().stream().sorted().toList().get(createdAt.size() / 2));
            figures.put("slowReceiverDeliveriesMeanwhile", slowMeanwhile);
            report.put("slowWebhookReceiver", figures);
            LOG.info("FAULTS slowWebhookReceiver " + json.writeValueAsString(figures));
            // The slow one answers one delivery per 10 s: it had at most a few while the fast one got all.
            assertThat(slowMeanwhile).isLessThanOrEqualTo(3);
            assertThat(worst).as("the fast receiver's slowest delivery, ms").isLessThan(5_000);
            HttpResponse<String> removed = call("DELETE", "/api/v1/webhooks/" + json.readTree(webhook.body()).path("id").asText(), null, null);
            assertThat(removed.statusCode()).as(removed.body()).isIn(200, 204);
        }
    }

    /**
     * A client resumes from a position older than the topic still keeps (records deleted by retention,
     * here {@code deleteRecords}): it is told so by an {@code event: gap} first, then gets what is left.
     */
    @Test
    @Order(10)
    void anSseClientResumingFromBeforeWhatTheTopicKeepsIsToldOfTheGap() throws Exception {
        awaitGatewayServesOfficials();
        seen.addAll(stream.drain(Duration.ZERO));
        String position = stream.lastId();
        String removed = createPerson("지워질 변경", "A change retention removes");
        // the relay publishes after the commit: records are deleted only once this change is on the topic
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            seen.addAll(stream.drain(Duration.ZERO));
            assertThat(versionsOf(seenData(), removed)).contains(1);
        });
        try (org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", platform.kafka().bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new LinkedHashMap<>();
            kafka.describeTopics(List.of("civic.officials.v1")).allTopicNames().get().get("civic.officials.v1").partitions()
                    .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition("civic.officials.v1", p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new LinkedHashMap<>();
            kafka.listOffsets(latest).all().get().forEach((tp, info) -> delete.put(tp,
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(info.offset())));
            kafka.deleteRecords(delete).all().get();
        }
        String after = createPerson("남은 변경", "A change still kept");
        // the same topics as the stream the position came from: a position naming others is a 400
        try (SseClient resumed = new SseClient(gateway + "/api/v1/stream", position)) {
            List<SseClient.Message> messages = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                messages.addAll(resumed.drain(Duration.ZERO));
                return messages.stream().anyMatch(m -> m.data() != null && m.data().contains(after));
            });
            List<SseClient.Message> events = messages.stream().filter(m -> m.event() != null || m.data() != null && m.data().startsWith("{"))
                    .toList();
            report.put("sseResumeBeforeRetention", Map.of("firstEvent", String.valueOf(events.get(0).event()), "messages", events.size()));
            assertThat(events.get(0).event()).isEqualTo("gap");
            assertThat(events.get(0).data()).contains("civic.officials.v1").contains("updatedSince");
            assertThat(events).noneMatch(m -> m.data() != null && m.data().contains(removed));
        }
    }

    /**
     * Starts a second replica and makes it the publisher: the gateway routes to the first, so killing
     * the second leaves the API up. The relays' lock is taken here for a moment, so that both wait their
     * poll interval and either may win it next.
     */
    private String makeTheSecondReplicaPublish(String module, String service, String topic) throws Exception {
        String second = platform.startReplica(module);
        String database = databaseOf(service);
        long lockKey = relayLock(topic);
        try (Connection db = DriverManager.getConnection(Database.replaceDatabase(own.jdbcUrl(), database), own.username(),
                own.password()); Statement lock = db.createStatement()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (publishes(second)) {
                    return true;
                }
                terminateRelayLockHolder(database, lockKey);
                lock.execute("select pg_advisory_lock(" + lockKey + ")");
                Thread.sleep(1000);
                lock.execute("select pg_advisory_unlock(" + lockKey + ")");
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> publishes(second) || publishes(module));
                return publishes(second);
            });
        }
        return second;
    }

    /** SIGKILLs the publishing replica, ends what is left of its lock session, and waits for the other to publish. */
    private Map<String, Object> killThePublisher(String replica, String service, String topic) throws Exception {
        platform.kill(replica);
        int terminated = terminateRelayLockHolder(databaseOf(service), relayLock(topic));
        long killed = System.nanoTime();
        String first = replica.substring(0, replica.indexOf('#'));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> publishes(first));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("lockSessionsTerminated", terminated);
        figures.put("newPublisherAfterMillis", millisSince(killed));
        return figures;
    }

    /** Creates records of a collection through the gateway and changes each once, until stopped. */
    final class Writer {
        final String collection;
        final String organization;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger written = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread thread;

        Writer(String collection, String organization) {
            this.collection = collection;
            this.organization = organization;
        }

        Writer start() {
            thread = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    try {
                        write(i++);
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "writer-" + collection);
            thread.start();
            return this;
        }

        private void write(int i) throws Exception {
            String body = collection.endsWith("agreements")
                    ? "{\"title\": {\"ko\": \"협약 %d\"}, \"kind\": \"mou\", \"parties\": [{\"organizationId\": \"%s\"}]}"
                            .formatted(i, organization)
                    : "{\"title\": {\"ko\": \"행사 %d\"}, \"type\": \"meeting\", \"startsAt\": \"2023-11-01T10:00:00+09:00\", \"organizerId\": \"%s\"}"
                            .formatted(i, organization);
            HttpResponse<String> created = call("POST", collection, body, null);
            if (created.statusCode() != 201) {
                failures.add("POST " + created.statusCode() + " " + created.body());
                return;
            }
            String id = json.readTree(created.body()).path("id").asText();
            HttpResponse<String> patched = call("PATCH", collection + "/" + id, "{\"title\": {\"en\": \"Renamed " + i + "\"}}", "\"1\"");
            if (patched.statusCode() != 200) {
                failures.add("PATCH " + patched.statusCode() + " " + patched.body());
                return;
            }
            written.incrementAndGet();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    /**
     * Every record of the collection changed since {@code since}: each of its versions on the SSE
     * stream and at the webhook (signature verified), none repeated or out of order.
     */
    private Map<String, Object> deliveredOnStreams(String collection, OffsetDateTime since) throws Exception {
        Map<String, Integer> committed = new LinkedHashMap<>();
        String cursor = null;
        do {
            HttpResponse<String> page = call("GET", collection + "?limit=200&updatedSince="
                    + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.path("items").forEach(r -> committed.put(r.path("id").asText(), r.path("version").asInt()));
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        int[] missing = new int[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                seen.addAll(stream.drain(Duration.ZERO));
                missing[0] = versionsMissing(bySubject(seenData()), committed) + versionsMissing(bySubject(verifiedDeliveries()), committed);
                return missing[0] == 0;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("recordsCommitted", committed.size());
        figures.put("recordsMissingAVersion", missing[0]);
        figures.put("recordsRepeatedOrOutOfOrder", repeatedOrOutOfOrder(bySubject(seenData()), committed.keySet())
                + repeatedOrOutOfOrder(bySubject(verifiedDeliveries()), committed.keySet()));
        return figures;
    }

    /** Whether this replica's outbox relay is the one that publishes. */
    private boolean publishes(String module) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + platform.port(module)
                + "/q/health/group/stream")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : json.readTree(health.body()).path("checks")) {
            if ("outbox".equals(check.path("name").asText())) {
                return check.path("data").path("publisher").asBoolean();
            }
        }
        return false;
    }

    /** The key of the advisory lock whose holder publishes {@code topic}, as {@code OutboxRelay.lockKey} makes it. */
    private static long relayLock(String topic) {
        return ("civic-outbox:" + topic).hashCode();
    }

    /**
     * Ends the session holding the relay's lock, and only that one: writers hold a shared advisory lock of
     * their own while they commit, and ending their sessions would fail writes this test expects to succeed.
     */
    private int terminateRelayLockHolder(String database, long lockKey) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement("select count(pg_terminate_backend(l.pid)) from pg_locks l"
                + " join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = ?"
                + " and l.objsubid = 1 and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            s.setString(1, database);
            s.setLong(2, lockKey);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ------------------------------------------------------------------ the writers

    /** Four writers creating people and renaming each once, through the gateway, until stopped. */
    final class Burst {
        final String label;
        final long pauseMillis;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean faulted = new AtomicBoolean(false);
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger createdDuringFault = new AtomicInteger();
        final AtomicInteger upstreamFailures = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        long started;
        long millis;

        Burst(String label) {
            this(label, 30);
        }

        /** @param pauseMillis each writer's pause between two changes */
        Burst(String label, long pauseMillis) {
            this.label = label;
            this.pauseMillis = pauseMillis;
        }

        Burst start() {
            started = System.nanoTime();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                Thread thread = new Thread(() -> {
                    int i = 0;
                    while (running.get()) {
                        try {
                            write(writer, i++);
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception | AssertionError e) {
                            statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }, "burst-" + label + "-" + t);
                thread.start();
                threads.add(thread);
            }
            return this;
        }

        private void write(int writer, int i) throws Exception {
            boolean brokerDown = !platform.kafka().running();
            HttpResponse<String> created = tally(call("POST", "/api/v1/people",
                    "{\"name\": {\"ko\": \"시민 " + label + " " + writer + "-" + i + "\", \"en\": \"Citizen " + label + " " + writer + "-" + i + "\"}}",
                    null));
            if (created.statusCode() == 201) {
                if (brokerDown) {
                    createdDuringFault.incrementAndGet();
                }
                String id = json.readTree(created.body()).path("id").asText();
                tally(call("PATCH", "/api/v1/people/" + id, "{\"name\": {\"en\": \"Citizen " + label + " " + writer + "-" + i + " (renamed)\"}}",
                        "\"1\""));
            }
        }

        private HttpResponse<String> tally(HttpResponse<String> response) {
            requests.incrementAndGet();
            statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() >= 502 && response.statusCode() <= 504) {
                upstreamFailures.incrementAndGet();
            }
            return response;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            millis = millisSince(started);
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests", requests.get());
            Map<String, Integer> byStatus = new TreeMap<>();
            statuses.forEach((status, count) -> byStatus.put(status < 0 ? "no-answer" : String.valueOf(status), count.get()));
            figures.put("byStatus", byStatus);
            figures.put("burstMillis", millis);
            return figures;
        }
    }

    /**
     * Probes, every half second until stopped, the readiness of every service and of the gateway, and
     * one read of each collection through the gateway.
     */
    final class Availability {
        final List<String> notReady = Collections.synchronizedList(new ArrayList<>());
        final List<String> failedReads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger probes = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread thread;

        Availability start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    for (String module : Topology.platform().modules()) {
                        if (!platform.ready(module)) {
                            notReady.add(module + " at " + OffsetDateTime.now(ZoneOffset.UTC));
                        }
                    }
                    for (String path : List.of("/api/v1/people?limit=1", "/api/v1/agreements?limit=1", "/api/v1/events?limit=1")) {
                        try {
                            int status = call("GET", path, null, null).statusCode();
                            if (status != 200) {
                                failedReads.add(path + " " + status);
                            }
                        } catch (Exception e) {
                            failedReads.add(path + " " + e);
                        }
                    }
                    probes.incrementAndGet();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "availability");
            thread.start();
            return this;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("availabilityProbes", probes.get());
            figures.put("notReadyAnswers", notReady.size());
            figures.put("failedReads", failedReads.size());
            return figures;
        }
    }

    /** The status of a service's change-stream health group (200 UP, 503 DOWN), 0 when it does not answer. */
    private int streamHealth(String module) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + platform.port(module) + "/q/health/group/stream"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void finish(String name, Map<String, Object> figures, Burst burst) throws Exception {
        report.put(name, figures);
        LOG.info("FAULTS " + name + " " + json.writeValueAsString(figures));
        assertThat(burst.statuses).as("no request got a 500").doesNotContainKey(500);
        assertThat(fiveHundreds).isEmpty();
        assertThat(notProblems).as("every error a problem+json").isEmpty();
        assertThat(contractBreaks).as("every answer one the platform document promises").isEmpty();
        assertThat(figures.get("eventsLost")).isEqualTo(0);
        assertThat(figures.get("sseSubjectsOutOfOrderOrRepeated")).isEqualTo(0);
        assertThat(figures.get("webhookSubjectsOutOfOrderOrRepeated")).isEqualTo(0);
        assertThat(figures.get("recordsWithAVersionMissingOnSse")).isEqualTo(0);
        assertThat(figures.get("recordsWithAVersionMissingAtWebhook")).isEqualTo(0);
        assertThat(figures.get("webhookDeliveriesFailingSignature")).isEqualTo(0L);
    }

    /** The bodies of the webhook deliveries whose signature the receiver verified. */
    private List<String> verifiedDeliveries() {
        return receiver.deliveries().stream().filter(Receiver.Delivery::signed).map(Receiver.Delivery::body).toList();
    }

    /** Records of which some version from 1 to the committed one was never passed on. */
    private static int versionsMissing(Map<String, List<Integer>> bySubject, Map<String, Integer> committed) {
        int count = 0;
        for (Map.Entry<String, Integer> record : committed.entrySet()) {
            List<Integer> versions = bySubject.getOrDefault(record.getKey(), List.of());
            if (!versions.containsAll(java.util.stream.IntStream.rangeClosed(1, record.getValue()).boxed().toList())) {
                count++;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------ checking delivery

    /**
     * Every person changed since {@code since}, at its current version: in both read models, on the SSE
     * stream (in order, no version twice) and at the webhook.
     */
    private Map<String, Object> deliveredExactlyOnceInEffect(OffsetDateTime since) throws Exception {
        Map<String, Integer> committed = changedSince(since);
        long waiting = System.nanoTime();
        Map<String, Integer> lost = new TreeMap<>();
        Map<String, Integer> missing = new ConcurrentHashMap<>();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                seen.addAll(stream.drain(Duration.ZERO));
                lost.clear();
                Map<String, List<Integer>> sse = bySubject(seenData());
                Map<String, List<Integer>> hooks = bySubject(verifiedDeliveries());
                Map<String, Integer> agreements = readModelVersions("agreements", committed.keySet());
                Map<String, Integer> events = readModelVersions("events", committed.keySet());
                missing.clear();
                committed.forEach((id, version) -> {
                    boolean inSse = sse.getOrDefault(id, List.of()).contains(version);
                    boolean inHooks = hooks.getOrDefault(id, List.of()).contains(version);
                    boolean inAgreements = version.equals(agreements.get(id));
                    boolean inEvents = version.equals(events.get(id));
                    if (!inSse || !inHooks || !inAgreements || !inEvents) {
                        lost.put(id, version);
                        missing.merge("sse", inSse ? 0 : 1, Integer::sum);
                        missing.merge("webhook", inHooks ? 0 : 1, Integer::sum);
                        missing.merge("agreements", inAgreements ? 0 : 1, Integer::sum);
                        missing.merge("events", inEvents ? 0 : 1, Integer::sum);
                    }
                });
                return lost.isEmpty();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as lost below
        }
        int repeatedOnSse = repeatedOrOutOfOrder(bySubject(seenData()), committed.keySet());
        int repeatedAtWebhook = repeatedOrOutOfOrder(bySubject(verifiedDeliveries()), committed.keySet());
        // Not only the last version: every version of every record changed, on SSE and at the webhook.
        int versionsMissingOnSse = versionsMissing(bySubject(seenData()), committed);
        int versionsMissingAtWebhook = versionsMissing(bySubject(verifiedDeliveries()), committed);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("recordsCommitted", committed.size());
        figures.put("changesCommitted", committed.values().stream().mapToInt(Integer::intValue).sum());
        figures.put("eventsLost", lost.size());
        figures.put("sseSubjectsOutOfOrderOrRepeated", repeatedOnSse);
        figures.put("webhookSubjectsOutOfOrderOrRepeated", repeatedAtWebhook);
        figures.put("recordsWithAVersionMissingOnSse", versionsMissingOnSse);
        figures.put("recordsWithAVersionMissingAtWebhook", versionsMissingAtWebhook);
        figures.put("webhookDeliveriesFailingSignature", receiver.deliveries().stream().filter(d -> !d.signed()).count());
        figures.put("allDeliveredAfterMillis", millisSince(waiting));
        if (!lost.isEmpty()) {
            figures.put("missingAtFinalVersionBy", new TreeMap<>(missing));
            figures.put("lostExamples", new ArrayList<>(lost.keySet()).subList(0, Math.min(5, lost.size())));
            if (missing.getOrDefault("webhook", 0) > 0) {
                figures.put("webhookDeliveriesOfLost", webhookDeliveries(lost.keySet()));
            }
        }
        return figures;
    }

    /** Every person updated since the given time, by id, with its current version, through the gateway. */
    private Map<String, Integer> changedSince(OffsetDateTime since) throws Exception {
        awaitGatewayServesOfficials();
        Map<String, Integer> versions = new LinkedHashMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/people?limit=200&updatedSince=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> page = call("GET", path, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.path("items").forEach(p -> versions.put(p.path("id").asText(), p.path("version").asInt()));
            cursor = body.path("nextCursor").isTextual() ? body.path("nextCursor").asText() : null;
        } while (cursor != null);
        return versions;
    }

    /** After a fault the gateway's circuit breaker stays open for a while (503 problems); then it lets calls through again. */
    private void awaitGatewayServesOfficials() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", "/api/v1/people?limit=1", null, null).statusCode() == 200);
    }

    private List<String> seenData() {
        synchronized (seen) {
            return seen.stream().map(SseClient.Message::data).toList();
        }
    }

    private Map<String, List<Integer>> bySubject(List<String> cloudEvents) {
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        for (String event : cloudEvents) {
            try {
                JsonNode node = json.readTree(event);
                versions.computeIfAbsent(node.path("subject").asText(), k -> new ArrayList<>()).add(node.path("data").path("version").asInt());
            } catch (java.io.IOException e) {
                // not a CloudEvent (a heartbeat)
            }
        }
        return versions;
    }

    /** Records whose versions arrived more than once or not in increasing order. */
    private static int repeatedOrOutOfOrder(Map<String, List<Integer>> bySubject, Set<String> ids) {
        int count = 0;
        for (String id : ids) {
            List<Integer> versions = bySubject.getOrDefault(id, List.of());
            if (!versions.equals(versions.stream().distinct().sorted().toList())) {
                count++;
            }
        }
        return count;
    }

    private List<Integer> versionsOf(List<String> cloudEvents, String id) {
        return bySubject(cloudEvents).getOrDefault(id, List.of());
    }

    // ------------------------------------------------------------------ the read models, read directly

    private final Map<String, String> databases = new ConcurrentHashMap<>();

    /** The database the platform made for a service ({@code e2e_<service>_<random>}): the one with connections. */
    private String databaseOf(String service) throws SQLException {
        String known = databases.get(service);
        if (known != null) {
            return known;
        }
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select datname from pg_stat_activity where datname like 'e2e\\_" + service
                        + "\\_%' group by datname order by count(*) desc")) {
            assertThat(rs.next()).as("a database of " + service).isTrue();
            databases.put(service, rs.getString(1));
            return rs.getString(1);
        }
    }

    private Map<String, Integer> readModelVersions(String service, java.util.Collection<String> ids) throws SQLException {
        Map<String, Integer> versions = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(Database.replaceDatabase(own.jdbcUrl(), databaseOf(service)), own.username(),
                own.password());
                PreparedStatement s = c.prepareStatement("select id::text, version from known_person where id = any (?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return versions;
    }

    /**
     * Where the gateway's deliveries of these records stand, by status and last error (none at all:
     * the ingest stopped; pending: the dispatch did).
     */
    private Map<String, Integer> webhookDeliveries(java.util.Collection<String> ids) throws SQLException {
        Map<String, Integer> states = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(Database.replaceDatabase(own.jdbcUrl(), databaseOf("gateway")), own.username(),
                own.password());
                PreparedStatement s = c.prepareStatement("select status || coalesce(' ' || last_status, '') || coalesce(' ' || left(last_error, 80), ''),"
                        + " count(*) from webhook_delivery where subject = any (?) group by 1")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return states;
    }

    private Integer readModelVersion(String service, String id) throws SQLException {
        return readModelVersions(service, List.of(id)).get(id);
    }

    private void awaitReadModels(String id, int version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                Integer.valueOf(version).equals(readModelVersion("agreements", id)) && Integer.valueOf(version).equals(readModelVersion("events", id)));
    }

    // ------------------------------------------------------------------ HTTP through the gateway

    private String createPerson(String ko, String en) throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/people", "{\"name\": {\"ko\": \"" + ko + "\", \"en\": \"" + en + "\"}}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private String createOrganization() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/organizations",
                "{\"name\": {\"ko\": \"순서 시험 기관\"}, \"classification\": \"committee\"}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private String createWithRetry(String path, String body) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> response = call("POST", path, body, null);
            if (response.statusCode() == 201) {
                id[0] = json.readTree(response.body()).path("id").asText();
                return true;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            return false;
        });
        return id[0];
    }

    private void patchName(String id, String ko) throws Exception {
        JsonNode current = json.readTree(call("GET", "/api/v1/people/" + id, null, null).body());
        ObjectNode patch = json.createObjectNode();
        patch.putObject("name").put("ko", ko);
        HttpResponse<String> patched = call("PATCH", "/api/v1/people/" + id, patch.toString(), "\"" + current.path("version").asInt() + "\"");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    HttpResponse<String> call(String method, String path, String body, String ifMatch) throws Exception {
        HttpResponse<String> response = AdminCalls.send(http, gateway, method, path, body, ifMatch);
        if (response.statusCode() == 500) {
            fiveHundreds.add(method + " " + path + " -> " + response.body());
        }
        if (response.statusCode() >= 400 && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            notProblems.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        List<String> broken = Contract.checkResponse(gateway.toString(), "/openapi?format=json", method, path, response.statusCode(),
                response.headers().map(), response.body());
        if (!broken.isEmpty()) {
            contractBreaks.add(method + " " + path + " -> " + response.statusCode() + ": " + broken);
        }
        return response;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).withNano(0);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
