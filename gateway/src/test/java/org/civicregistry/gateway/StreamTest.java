package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.SseClient;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

@GatewayTest
class StreamTest {

    TopicWriter writer;
    /** A client address per test: the stream's connections count against a client's limit like any request. */
    final Map<String, String> ownAddress = Client.ownAddress();

    @BeforeEach
    void writer() {
        writer = new TopicWriter(KafkaBroker.shared().bootstrapServers());
    }

    @AfterEach
    void close() {
        writer.close();
    }

    String url(String query) {
        return "http://localhost:" + RestAssured.port + "/api/v1/stream" + query;
    }

    SseClient sse(String url, String lastEventId) {
        return new SseClient(url, lastEventId, ownAddress);
    }

    /** A client of {@code url} that has seen the stream's first id, so is connected before the test publishes. */
    SseClient connected(String url) {
        SseClient client = sse(url, null);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.lastId() != null);
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
        return client;
    }

    void publish(String topic, String type, String subject, int version) {
        writer.send(topic, "/civic-registry/test", type, subject,
                "{\"id\":\"" + subject + "\",\"version\":" + version + "}");
    }

    @Test
    void twoSubscribersWithFiltersGetTheirChangesInOrder() throws Exception {
        String person = UUID.randomUUID().toString();
        String event = UUID.randomUUID().toString();
        try (SseClient everything = sse(url("?subject=" + person), null);
                SseClient cancellations = sse(url("?topics=civic.events.v1&types=civic.event.cancelled"), null)) {
            assertThat(everything.status()).isEqualTo(200);
            assertThat(cancellations.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> everything.lastId() != null && cancellations.lastId() != null);
            publish("civic.officials.v1", "civic.person.created", person, 1);
            publish("civic.events.v1", "civic.event.scheduled", event, 1);
            publish("civic.officials.v1", "civic.person.updated", person, 2);
            publish("civic.events.v1", "civic.event.cancelled", event, 2);

            List<SseClient.Message> mine = everything.take(2, Duration.ofSeconds(10));
            assertThat(mine).extracting(SseClient.Message::event).containsExactly("civic.person.created", "civic.person.updated");
            assertThat(mine.get(1).data()).contains("\"specversion\":\"1.0\"").contains("\"subject\":\"" + person + "\"")
                    .contains("\"version\":2");
            List<SseClient.Message> cancelled = cancellations.take(1, Duration.ofSeconds(10));
            assertThat(cancelled).extracting(SseClient.Message::event).containsExactly("civic.event.cancelled");
            assertThat(cancellations.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    /**
     * A client may write as soon as its stream has answered (a widget does, once EventSource is
     * open): that change must reach it. The stream answers only once its start positions are known.
     */
    @Test
    void aChangeMadeAsSoonAsTheStreamAnswersIsDelivered() throws Exception {
        for (int attempt = 0; attempt < 15; attempt++) {
            String subject = UUID.randomUUID().toString();
            try (SseClient client = sse(url("?subject=" + subject), null)) {
                assertThat(client.status()).isEqualTo(200);
                publish("civic.events.v1", "civic.event.scheduled", subject, 1);
                assertThat(client.take(1, Duration.ofSeconds(10))).as("attempt %d", attempt)
                        .extracting(SseClient.Message::event).containsExactly("civic.event.scheduled");
            }
        }
    }

    /**
     * Why the test above holds, pinned down: the response (and so EventSource's "open") starts only
     * with the subscriber's position; nothing, not even a comment, goes out before it.
     */
    @Test
    void theFirstChunkOfTheStreamCarriesItsPosition() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "X-Forwarded-For: " + ownAddress.get("X-Forwarded-For") + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            String head = readLine(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            String line;
            boolean chunked = false;
            while (!(line = readLine(in)).isEmpty()) {
                chunked |= line.equalsIgnoreCase("transfer-encoding: chunked");
            }
            assertThat(chunked).isTrue();
            byte[] chunk = new byte[Integer.parseInt(readLine(in).strip(), 16)];
            in.readFully(chunk);
            assertThat(new String(chunk, java.nio.charset.StandardCharsets.UTF_8)).contains("\nid: ").contains("retry: ");
        }
    }

    private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Delivery upstream is at least once: a repeat or an older version after a newer one is not streamed. */
    @Test
    void repeatedAndStaleVersionsAreNotStreamed() throws Exception {
        String subject = UUID.randomUUID().toString();
        try (SseClient client = sse(url("?subject=" + subject), null)) {
            assertThat(client.status()).isEqualTo(200);
            publish("civic.events.v1", "civic.event.scheduled", subject, 1);
            publish("civic.events.v1", "civic.event.rescheduled", subject, 2);
            publish("civic.events.v1", "civic.event.scheduled", subject, 1);
            publish("civic.events.v1", "civic.event.rescheduled", subject, 2);
            publish("civic.events.v1", "civic.event.cancelled", subject, 3);
            assertThat(client.take(3, Duration.ofSeconds(10))).extracting(SseClient.Message::event)
                    .containsExactly("civic.event.scheduled", "civic.event.rescheduled", "civic.event.cancelled");
            assertThat(client.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void resumingWithLastEventIdLosesNothingAndRepeatsNothing() throws Exception {
        String subject = UUID.randomUUID().toString();
        String lastSeen;
        try (SseClient first = connected(url("?types=civic.membership.*&subject=" + subject))) {
            for (int v = 1; v <= 3; v++) {
                publish("civic.officials.v1", v == 1 ? "civic.membership.created" : "civic.membership.updated", subject, v);
            }
            assertThat(first.take(3, Duration.ofSeconds(10))).hasSize(3);
            lastSeen = first.lastId();
        }
        // while disconnected
        for (int v = 4; v <= 6; v++) {
            publish("civic.officials.v1", "civic.membership.updated", subject, v);
        }
        try (SseClient resumed = sse(url("?types=civic.membership.*&subject=" + subject), lastSeen)) {
            publish("civic.officials.v1", "civic.membership.ended", subject, 7);
            List<SseClient.Message> missed = resumed.take(4, Duration.ofSeconds(15));
            assertThat(missed).extracting(m -> m.data().replaceAll(".*\"version\":(\\d+).*", "$1"))
                    .containsExactly("4", "5", "6", "7");
            assertThat(resumed.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    /** A record that is not a CloudEvent is skipped and counted; the live stream goes on with the next change. */
    @Test
    void aRecordThatIsNotACloudEventIsSkippedAndTheStreamGoesOn() throws Exception {
        String subject = UUID.randomUUID().toString();
        try (SseClient client = sse(url("?topics=civic.events.v1&subject=" + subject), null)) {
            assertThat(client.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.lastId() != null);
            Poison.send("civic.events.v1", subject);
            publish("civic.events.v1", "civic.event.scheduled", subject, 1);
            assertThat(client.take(1, Duration.ofSeconds(10))).extracting(SseClient.Message::event)
                    .containsExactly("civic.event.scheduled");
        }
        // a subscriber that comes later is still served: the feed did not stop
        String later = UUID.randomUUID().toString();
        try (SseClient client = sse(url("?topics=civic.events.v1&subject=" + later), null)) {
            assertThat(client.status()).isEqualTo(200);
            publish("civic.events.v1", "civic.event.scheduled", later, 1);
            assertThat(client.take(1, Duration.ofSeconds(10))).hasSize(1);
        }
        Client.anyone().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("civic_gateway_stream_undecodable_total"));
    }

    /** The replay of a resuming client skips a record that is not a CloudEvent, and goes on to the next. */
    @Test
    void resumingPastARecordThatIsNotACloudEventLosesNothingElse() throws Exception {
        String subject = UUID.randomUUID().toString();
        String lastSeen;
        try (SseClient first = connected(url("?topics=civic.events.v1&subject=" + subject))) {
            lastSeen = first.lastId();
        }
        Poison.send("civic.events.v1", subject);
        publish("civic.events.v1", "civic.event.scheduled", subject, 1);
        publish("civic.events.v1", "civic.event.rescheduled", subject, 2);
        try (SseClient resumed = sse(url("?topics=civic.events.v1&subject=" + subject), lastSeen)) {
            assertThat(resumed.take(2, Duration.ofSeconds(15))).extracting(SseClient.Message::event)
                    .containsExactly("civic.event.scheduled", "civic.event.rescheduled");
        }
    }

    /**
     * A client that comes back after the topic dropped what it missed (retention) is told so, by an
     * {@code event: gap} naming the partitions and offsets lost and how to refetch, before the changes
     * still kept; it is never silently resumed past the hole.
     */
    @Test
    void resumingFromAPositionTheTopicNoLongerKeepsSendsAGapEventFirst() throws Exception {
        String topic = "civic.agreements.v1";
        String subject = UUID.randomUUID().toString();
        String lastSeen;
        try (SseClient first = connected(url("?topics=" + topic + "&subject=" + subject))) {
            publish(topic, "civic.agreement.created", subject, 1);
            assertThat(first.take(1, Duration.ofSeconds(10))).hasSize(1);
            lastSeen = first.lastId();
        }
        // while disconnected: version 2 is written, then retention drops it
        publish(topic, "civic.agreement.updated", subject, 2);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) ->
                    delete.put(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get();
        }
        publish(topic, "civic.agreement.updated", subject, 3);
        try (SseClient resumed = sse(url("?topics=" + topic + "&subject=" + subject), lastSeen)) {
            List<SseClient.Message> messages = resumed.take(2, Duration.ofSeconds(15));
            assertThat(messages).extracting(SseClient.Message::event).containsExactly("gap", "civic.agreement.updated");
            var gap = new io.vertx.core.json.JsonObject(messages.get(0).data());
            assertThat(gap.getString("reason")).isEqualTo("retention");
            assertThat(gap.getJsonArray("topics").getList()).containsExactly(topic);
            assertThat(gap.getJsonObject("partitions").fieldNames()).isNotEmpty().allMatch(p -> p.startsWith(topic + "/"));
            gap.getJsonObject("partitions").forEach(e -> {
                var range = (io.vertx.core.json.JsonObject) e.getValue();
                assertThat(range.getLong("from")).isLessThan(range.getLong("to"));
            });
            assertThat(gap.getString("refetch")).contains("updatedSince");
            assertThat(messages.get(1).data()).contains("\"version\":3");
            assertThat(resumed.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void badRequestsAreProblems() {
        Client.anyone().queryParam("topics", "civic.secrets.v1").get("/api/v1/stream").then().statusCode(400)
                .contentType("application/problem+json");
        Client.anyone().header("Last-Event-ID", "%%%").get("/api/v1/stream").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** A value of the gateway's own metrics. */
    static double metric(String name) {
        String metrics = Client.anyone().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * A client that stops reading (its TCP window closes) is not buffered for without end: what the
     * gateway holds for it stays under max-unsent-bytes (64K in tests), and it is cut off with a last
     * {@code event: overflow} saying why and how to resume, after everything queued before it. (The
     * kernel's socket buffers, up to a few MiB, fill first: changes are published until the cut-off.)
     */
    @Test
    void aClientThatStopsReadingIsCutOffWithAnOverflowEventAndTheGatewayHoldsLittleForIt() throws Exception {
        String subject = UUID.randomUUID().toString();
        String note = "x".repeat(16_000);
        double overflowsBefore = metric("civic_gateway_stream_overflows_total");
        int published = 0;
        double mostUnsent = 0;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", RestAssured.port));
            socket.getOutputStream().write(("GET /api/v1/stream?topics=civic.events.v1&subject=" + subject + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nAccept: text/event-stream\r\nX-Forwarded-For: " + ownAddress.get("X-Forwarded-For") + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Thread.sleep(1_000); // live by then; and from here on it reads nothing
            while (metric("civic_gateway_stream_overflows_total") == overflowsBefore && published < 1_500) {
                for (int i = 0; i < 25; i++) {
                    published++;
                    writer.send("civic.events.v1", "/civic-registry/test", "civic.event.scheduled", subject,
                            "{\"id\":\"" + subject + "\",\"version\":" + published + ",\"note\":\"" + note + "\"}");
                }
                mostUnsent = Math.max(mostUnsent, metric("civic_gateway_stream_unsent_bytes"));
            }
            assertThat(metric("civic_gateway_stream_overflows_total")).as("clients cut off").isGreaterThan(overflowsBefore);
            assertThat(mostUnsent).as("bytes the gateway held for clients").isLessThan(64 * 1024 + 20 * 1024);

            socket.setSoTimeout(15_000);
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            long until = System.nanoTime() + 30_000_000_000L;
            try {
                for (int n; System.nanoTime() < until && (n = socket.getInputStream().read(buffer)) >= 0;) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // closed after its grace period: what arrived before counts
            }
            String text = received.toString(java.nio.charset.StandardCharsets.UTF_8);
            int changes = text.split("event: civic.event.scheduled", -1).length - 1;
            assertThat(changes).as("changes sent before the cut-off").isLessThan(published);
            int overflow = text.lastIndexOf("event: overflow");
            assertThat(overflow).as("the overflow event").isPositive();
            assertThat(text.indexOf("event: civic.event.scheduled", overflow)).as("nothing after the overflow event").isNegative();
            String data = text.substring(text.indexOf("data: ", overflow) + 6, text.indexOf("\n", text.indexOf("data: ", overflow)));
            var json = new io.vertx.core.json.JsonObject(data);
            assertThat(json.getString("reason")).isEqualTo("slow-client");
            assertThat(json.getString("resume")).contains("Last-Event-ID");
            assertThat(json.getLong("maxUnsentBytes")).isEqualTo(64 * 1024);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("civic_gateway_stream_unsent_bytes") == 0);
    }

    /** A single request to the stream that is expected to be refused (a 200 would never end: it times out instead). */
    /** A stream request as the client at {@code address} (behind the trusted proxy of the tests). */
    java.net.http.HttpResponse<String> refused(String address, String lastEventId) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(""))).timeout(Duration.ofSeconds(5))
                .header("Accept", "text/event-stream").header("X-Forwarded-For", address);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Streams are capped per client (3 in tests: 429) and in all (12 in tests: 503), both with Retry-After. */
    @Test
    void streamsAreCappedPerClientWith429AndInAllWith503BothWithRetryAfter() throws Exception {
        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SseClient client = sse(url(""), null);
                open.add(client);
                assertThat(client.status()).isEqualTo(200);
            }
            var tooMany = refused(ownAddress.get("X-Forwarded-For"), null);
            assertThat(tooMany.statusCode()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
            assertThat(tooMany.body()).contains("https://civic-registry.org/problems/rate-limited");

            int status = 200;
            for (int i = 0; i < 12 && status == 200; i++) {
                SseClient other = new SseClient(url(""), null, Client.ownAddress());
                open.add(other);
                status = other.status();
            }
            assertThat(status).as("a stream past the total cap").isEqualTo(503);
            var full = refused(Client.randomAddress(), null);
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).isPresent();
            assertThat(full.body()).contains("https://civic-registry.org/problems/unavailable");
        } finally {
            open.forEach(SseClient::close);
        }
        // the places come back once the clients leave
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (SseClient again = sse(url(""), null)) {
                assertThat(again.status()).isEqualTo(200);
            }
        });
    }

    /** An id this stream issued names only the topics the stream follows; one naming others is forged or foreign. */
    @Test
    void aLastEventIdNamingTopicsTheRequestDoesNotFollowIs400() {
        String officials = StreamPositions.encode(Map.of(new org.apache.kafka.common.TopicPartition("civic.officials.v1", 0), 0L));
        Client.anyone().header("Last-Event-ID", officials).queryParam("topics", "civic.events.v1").get("/api/v1/stream").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("civic.officials.v1"));
        String secrets = StreamPositions.encode(Map.of(new org.apache.kafka.common.TopicPartition("civic.secrets.v1", 0), 0L));
        Client.anyone().header("Last-Event-ID", secrets).get("/api/v1/stream").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** An id forged to replay a whole topic from its start: the replay stops at replay-max-events (200 in tests) with a gap. */
    @Test
    void aForgedLastEventIdReplaysAtMostTheLimitThenAGapAndGoesOnLive() throws Exception {
        for (int i = 0; i < 210; i++) {
            publish("civic.events.v1", "civic.event.scheduled", UUID.randomUUID().toString(), 1);
        }
        Map<org.apache.kafka.common.TopicPartition, Long> start = new java.util.HashMap<>();
        for (int p = 0; p < 3; p++) {
            start.put(new org.apache.kafka.common.TopicPartition("civic.events.v1", p), 0L);
        }
        String subject = UUID.randomUUID().toString();
        try (SseClient resumed = sse(url("?topics=civic.events.v1&subject=" + subject), StreamPositions.encode(start))) {
            assertThat(resumed.status()).isEqualTo(200);
            List<SseClient.Message> gaps = resumed.take(2, Duration.ofSeconds(5));
            assertThat(gaps).extracting(SseClient.Message::event).containsOnly("gap");
            assertThat(gaps).extracting(m -> new io.vertx.core.json.JsonObject(m.data()).getString("reason")).contains("replay-limit");
            publish("civic.events.v1", "civic.event.cancelled", subject, 2);
            assertThat(resumed.take(1, Duration.ofSeconds(10))).extracting(SseClient.Message::event).containsExactly("civic.event.cancelled");
        }
    }

    /** The Kafka consumers alive in this JVM (each registers its metrics with JMX). */
    static int kafkaConsumers() throws Exception {
        return java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("kafka.consumer:type=consumer-metrics,*"), null).size();
    }

    /**
     * A flood of resumes (forged ids replaying whole topics) shares the replay consumers: never more
     * than max-replays (2 in tests) exist besides those there before, and a resume past it is a 503.
     */
    @Test
    void aFloodOfResumesOpensNoKafkaConsumerPerRequest() throws Exception {
        Map<org.apache.kafka.common.TopicPartition, Long> start = new java.util.HashMap<>();
        for (int p = 0; p < 3; p++) {
            start.put(new org.apache.kafka.common.TopicPartition("civic.events.v1", p), 0L);
        }
        String forged = StreamPositions.encode(start);
        int before = kafkaConsumers();
        int most = before;
        List<SseClient> flood = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                flood.add(new SseClient(url("?topics=civic.events.v1&subject=" + UUID.randomUUID()), forged,
                        Client.ownAddress()));
                most = Math.max(most, kafkaConsumers());
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (SseClient client : flood) {
                statuses.add(client.status());
                most = Math.max(most, kafkaConsumers());
            }
            assertThat(statuses).allMatch(s -> s == 200 || s == 503);
            for (long until = System.nanoTime() + 2_000_000_000L; System.nanoTime() < until; Thread.sleep(50)) {
                most = Math.max(most, kafkaConsumers());
            }
        } finally {
            flood.forEach(SseClient::close);
        }
        assertThat(most).as("Kafka consumers during the flood (%d before)", before).isLessThanOrEqualTo(before + 2);
    }
}
