package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.civicregistry.embedded.FreePorts;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.gateway.webhook.Signatures;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Tokens;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

@GatewayTest
class WebhookTest {

    /** What a receiver got. */
    record Received(String body, Map<String, String> headers, String attempt, long atNanos) {
        StandardWebhooks.Delivery delivery() {
            return new StandardWebhooks.Delivery(headers, body);
        }
    }

    /** A receiver subscribed: its webhook's id, and the secret it was given. */
    record Subscribed(String id, String secret) {
    }

    Vertx vertx;
    TopicWriter writer;
    /** The requests the receivers answered with an error. */
    final List<Received> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        writer = new TopicWriter(KafkaBroker.shared().bootstrapServers());
    }

    @AfterEach
    void tearDown() {
        writer.close();
        vertx.close();
    }

    /** How a receiver answers one call: a status, and a Retry-After or none. */
    record Answer(int status, String retryAfter) {
    }

    /** A receiver that answers 500 to the first {@code failures} deliveries, then 204. */
    int receiver(List<Received> received, int failures) throws ExecutionException, InterruptedException {
        return receiver(received, call -> new Answer(call <= failures ? 500 : 204, null));
    }

    /** A receiver that answers its {@code n}th call (from 1) with {@code answers(n)}; what it accepted goes to {@code received}. */
    int receiver(List<Received> received, java.util.function.IntFunction<Answer> answers) throws ExecutionException, InterruptedException {
        int port = FreePorts.next();
        AtomicInteger calls = new AtomicInteger();
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            Received got = new Received(body.toString(), headers, request.getHeader("Civic-Delivery-Attempt"), System.nanoTime());
            Answer answer = answers.apply(calls.incrementAndGet());
            (answer.status() < 300 ? received : refused).add(got);
            if (answer.retryAfter() != null) {
                request.response().putHeader("Retry-After", answer.retryAfter());
            }
            request.response().setStatusCode(answer.status()).end();
        })).listen(port).toCompletionStage().toCompletableFuture().get();
        return port;
    }

    /** A receiver that fails its first {@code failures} calls, subscribed to {@code types}. */
    Subscribed subscribe(List<Received> received, int failures, String types) throws ExecutionException, InterruptedException {
        String[] secret = new String[1];
        String id = register(receiver(received, failures), types, secret);
        return new Subscribed(id, secret[0]);
    }

    String register(int port, String types, String[] secret) {
        var created = Client.anyone().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"url\": \"http://localhost:" + port + "/hook\", \"topics\": [\"civic.events.v1\"], \"types\": [\"" + types + "\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        secret[0] = created.path("secret");
        assertThat(secret[0]).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret[0].substring("whsec_".length()))).hasSizeBetween(24, 64);
        return created.path("id");
    }

    /** The deprecated Civic-Signature, checked as its receivers do, with the key of the standard one. */
    static boolean legacySignatureValid(String secret, Received r) {
        String header = r.headers().get("civic-signature");
        if (header == null) {
            return false;
        }
        String t = header.replaceAll("t=(\\d+),v1=.*", "$1");
        String v1 = header.replaceAll(".*v1=([0-9a-f]+)", "$1");
        return java.security.MessageDigest.isEqual(v1.getBytes(), HexFormat.of().formatHex(Signatures.hmac(secret, t + "." + r.body())).getBytes())
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300;
    }

    static List<StandardWebhooks.Delivery> deliveries(List<Received> received) {
        return received.stream().map(Received::delivery).toList();
    }

    /** A fresh request as an admin: a specification keeps what each use adds to it. */
    static io.restassured.specification.RequestSpecification admin() {
        return Client.anyone().auth().oauth2(Tokens.admin());
    }

    void publish(String type, String subject, int version) {
        writer.send("civic.events.v1", "/civic-registry/events", type, subject, "{\"id\": \"" + subject + "\", \"version\": " + version + "}");
    }

    @Test
    void deliveriesAreSignedInOrderAndRetriedAfterErrors() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        Subscribed subscribed = subscribe(received, 2, "civic.event.*");
        String id = subscribed.id();
        String event = UUID.randomUUID().toString();
        publish("civic.event.scheduled", event, 1);
        publish("civic.event.rescheduled", event, 2);
        publish("civic.event.cancelled", event, 3);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
        // verified by the Standard Webhooks library itself, as a receiver would
        assertThat(StandardWebhooks.verify(subscribed.secret(), deliveries(received))).containsExactly("valid", "valid", "valid");
        assertThat(received).allMatch(r -> legacySignatureValid(subscribed.secret(), r));
        // the webhook-id is the receiver's idempotency key: one per delivery, the same on each of its attempts
        assertThat(received).extracting(r -> r.headers().get("webhook-id")).doesNotHaveDuplicates().allMatch(m -> m.startsWith("msg_"));
        assertThat(refused).hasSize(2).extracting(r -> r.headers().get("webhook-id")).containsOnly(received.get(0).headers().get("webhook-id"));
        assertThat(received).extracting(r -> r.body().replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1"))
                .containsExactly("civic.event.scheduled", "civic.event.rescheduled", "civic.event.cancelled");
        assertThat(received.get(0).attempt()).isEqualTo("3");

        Client.anyone().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("DELIVERED")))
                .body("items[0].attempts", equalTo(3));
        // the secret is never shown again
        Client.anyone().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue());
    }

    /** The library is no rubber stamp: a changed body, another secret or an old timestamp fail. */
    @Test
    void theStandardLibraryRejectsATamperedBodyAnotherSecretAndAReplay() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        Subscribed subscribed = subscribe(received, 0, "civic.event.*");
        publish("civic.event.scheduled", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1);
        Received got = received.get(0);
        String tampered = got.body().replaceFirst("\"version\": ?1", "\"version\": 9");
        assertThat(tampered).isNotEqualTo(got.body());
        Map<String, String> replayed = new HashMap<>(got.headers());
        replayed.put("webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000 - 3600));
        assertThat(StandardWebhooks.verify(subscribed.secret(), List.of(got.delivery(),
                new StandardWebhooks.Delivery(got.headers(), tampered),
                new StandardWebhooks.Delivery(replayed, got.body()))))
                .containsExactly("valid", "invalid: No matching signature found", "invalid: Message timestamp too old");
        assertThat(StandardWebhooks.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), List.of(got.delivery())))
                .containsExactly("invalid: No matching signature found");
    }

    /**
     * After a rotation, deliveries carry a signature with each secret until the overlap ends, so a
     * receiver still on the old secret loses nothing; then only the new secret verifies.
     */
    @Test
    void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        Subscribed subscribed = subscribe(received, 0, "civic.event.*");
        String old = subscribed.secret();
        var rotated = Client.anyone().auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + subscribed.id() + "/secret/rotate")
                .then().statusCode(200).body("id", equalTo(subscribed.id())).extract();
        String fresh = rotated.path("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(java.time.OffsetDateTime.parse(rotated.<String>path("previousSecretValidUntil")))
                .isBetween(java.time.OffsetDateTime.now().plusHours(23), java.time.OffsetDateTime.now().plusHours(25));
        Client.anyone().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + subscribed.id()).then().statusCode(200)
                .body("secret", nullValue()).body("previousSecretValidUntil", org.hamcrest.Matchers.notNullValue());

        publish("civic.event.scheduled", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1);
        assertThat(received.get(0).headers().get("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooks.verify(fresh, deliveries(received))).containsExactly("valid");
        assertThat(StandardWebhooks.verify(old, deliveries(received))).containsExactly("valid");

        // the overlap ends (the clock moved on)
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
                var update = db.prepareStatement("update webhook_subscription set previous_secret_until = now() - interval '1 second' where id = ?")) {
            update.setObject(1, UUID.fromString(subscribed.id()));
            assertThat(update.executeUpdate()).isOne();
        }
        publish("civic.event.scheduled", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        List<StandardWebhooks.Delivery> after = List.of(received.get(1).delivery());
        assertThat(received.get(1).headers().get("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhooks.verify(fresh, after)).containsExactly("valid");
        assertThat(StandardWebhooks.verify(old, after)).containsExactly("invalid: No matching signature found");
    }

    /** A secret chosen by the caller must be one the standard's libraries can decode. */
    @Test
    void aChosenSecretMustBeWhsecAndTheBase64OfTwentyFourToSixtyFourBytes() {
        for (String secret : List.of("whsec_" + UUID.randomUUID(), "whsec_" + Base64.getEncoder().encodeToString(new byte[16]),
                Base64.getEncoder().encodeToString(new byte[32]), "whsec_" + Base64.getEncoder().encodeToString(new byte[65]))) {
            // some of these break the document's pattern: only the answer is checked against it
            Client.anyone().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body("{\"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"" + secret + "\"}").post("/api/v1/webhooks")
                    .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("secret"));
        }
    }

    /**
     * A receiver's Retry-After is honoured when it asks for longer than the schedule (here 200 ms):
     * in seconds, or as an HTTP date, which the test profile caps at 3 s.
     */
    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsHonouredUpToTheCap() throws Exception {
        String farAway = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(2));
        List<Received> received = new CopyOnWriteArrayList<>();
        String[] secret = new String[1];
        register(receiver(received, call -> call == 1 ? new Answer(503, "2") : call == 2 ? new Answer(429, farAway) : new Answer(204, null)),
                "civic.event.throttled", secret);
        publish("civic.event.throttled", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1);
        assertThat(refused).hasSize(2);
        assertThat(Duration.ofNanos(refused.get(1).atNanos() - refused.get(0).atNanos())).as("wait after Retry-After: 2")
                .isBetween(Duration.ofMillis(1900), Duration.ofMillis(2900));
        assertThat(Duration.ofNanos(received.get(0).atNanos() - refused.get(1).atNanos())).as("wait after a Retry-After two days on, capped")
                .isBetween(Duration.ofMillis(2900), Duration.ofMillis(3900));
        assertThat(received.get(0).attempt()).isEqualTo("3");
    }

    /** 410 Gone ends it: no retry, and the subscription is disabled, saying why, until someone resumes it. */
    @Test
    void aReceiverThatAnswersGoneIsDisabledWithoutRetries() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        String id = register(receiver(received, call -> new Answer(410, null)), "civic.event.gone", new String[1]);
        publish("civic.event.gone", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Client.anyone().auth().oauth2(Tokens.admin())
                .get("/api/v1/webhooks/" + id).then().statusCode(200).body("status", equalTo("DISABLED"))
                .body("statusReason", equalTo("the receiver answered 410 Gone")));
        Client.anyone().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].status", equalTo("DEAD")).body("items[0].attempts", equalTo(1))
                .body("items[0].lastStatus", equalTo(410));
        publish("civic.event.gone", UUID.randomUUID().toString(), 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> refused.size() == 1);
        assertThat(received).isEmpty();
    }

    /**
     * A receiver can ask for a test ping, for one delivery again, and for everything since a time
     * again: each redelivery with its first webhook-id, so the receiver can drop what it has.
     */
    @Test
    void aPingAndRedeliveriesOfOneAndOfEverythingSinceATimeKeepTheirWebhookIds() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        Subscribed subscribed = subscribe(received, 0, "civic.event.*");
        String hooks = "/api/v1/webhooks/" + subscribed.id();
        Client.anyone().auth().oauth2(Tokens.admin()).post(hooks + "/ping").then().statusCode(202)
                .body("eventType", equalTo("civic.webhook.ping")).body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1);
        assertThat(received.get(0).body()).contains("\"type\":\"civic.webhook.ping\"").contains(subscribed.id());

        String since = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        String event = UUID.randomUUID().toString();
        publish("civic.event.scheduled", event, 1);
        publish("civic.event.rescheduled", event, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
        assertThat(StandardWebhooks.verify(subscribed.secret(), deliveries(received))).containsOnly("valid");
        List<String> ids = received.stream().map(r -> r.headers().get("webhook-id")).toList();

        var log = Client.anyone().auth().oauth2(Tokens.admin()).get(hooks + "/deliveries").then().statusCode(200).extract();
        int first = log.path("items[1].id");
        Client.anyone().auth().oauth2(Tokens.admin()).post(hooks + "/deliveries/" + first + "/redeliver").then().statusCode(202)
                .body("id", equalTo(first)).body("webhookId", equalTo(ids.get(1))).body("status", equalTo("PENDING"))
                .body("attempts", equalTo(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 4);
        assertThat(received.get(3).headers().get("webhook-id")).isEqualTo(ids.get(1));
        assertThat(received.get(3).body()).isEqualTo(received.get(1).body());

        Client.anyone().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"since\": \"" + since + "\"}")
                .post(hooks + "/redeliver").then().statusCode(202).body("redelivered", equalTo(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 6);
        assertThat(received.subList(4, 6)).extracting(r -> r.headers().get("webhook-id")).containsExactly(ids.get(1), ids.get(2));
        assertThat(StandardWebhooks.verify(subscribed.secret(), deliveries(received))).containsOnly("valid");
    }

    /** Bad requests for a redelivery are problems that say what is wrong. */
    @Test
    void redeliveriesOfWhatIsNotThereOrWithoutATimeAreProblems() throws Exception {
        String id = subscribe(new CopyOnWriteArrayList<>(), 0, "civic.none.*").id();
        String other = subscribe(new CopyOnWriteArrayList<>(), 0, "civic.event.*").id();
        publish("civic.event.scheduled", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().get("/api/v1/webhooks/" + other + "/deliveries").then().extract()
                .<List<?>>path("items").size() == 1);
        int othersDelivery = admin().get("/api/v1/webhooks/" + other + "/deliveries").then().extract().path("items[0].id");
        // another receiver's delivery is not this one's
        admin().post("/api/v1/webhooks/" + id + "/deliveries/" + othersDelivery + "/redeliver").then().statusCode(404)
                .contentType("application/problem+json");
        admin().post("/api/v1/webhooks/" + UUID.randomUUID() + "/ping").then().statusCode(404).contentType("application/problem+json");
        Client.anyone().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).post("/api/v1/webhooks/" + id + "/deliveries/x/redeliver")
                .then().statusCode(400).contentType("application/problem+json");
        Client.anyone().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .post("/api/v1/webhooks/" + id + "/redeliver").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("since"));
        admin().contentType("application/json").body("{\"since\": \"" + java.time.OffsetDateTime.now().plusDays(1) + "\"}")
                .post("/api/v1/webhooks/" + id + "/redeliver").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("since"));
        Client.anyone().auth().oauth2(Tokens.editor("gwangju")).post("/api/v1/webhooks/" + id + "/ping").then().statusCode(403);
    }

    /** A paused receiver's changes are queued, not sent, and come in order once it is resumed. */
    @Test
    void aPausedReceiverGetsItsQueuedChangesInOrderWhenResumed() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        String id = subscribe(received, 0, "civic.event.*").id();
        admin().post("/api/v1/webhooks/" + id + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        admin().post("/api/v1/webhooks/" + id + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        String event = UUID.randomUUID().toString();
        publish("civic.event.scheduled", event, 1);
        publish("civic.event.cancelled", event, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().queryParam("status", "PENDING").get("/api/v1/webhooks/" + id + "/deliveries")
                .then().extract().<List<?>>path("items").size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(received::isEmpty);
        // the operator sees the queue (the gauge is reread every few seconds) and the pool that served it
        await().atMost(Duration.ofSeconds(15)).until(() -> gauge("civic_webhook_backlog") >= 2);
        assertThat(gauge("agroal_max_used_count")).isPositive();
        assertThat(List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count")).allSatisfy(
                name -> assertThat(gauge(name)).as(name).isNotNaN());

        admin().post("/api/v1/webhooks/" + id + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        assertThat(received).extracting(r -> r.body().replaceAll(".*\"type\":\"([a-z.]+)\".*", "$1"))
                .containsExactly("civic.event.scheduled", "civic.event.cancelled");

        // a stopped receiver must be resumed, not paused
        admin().delete("/api/v1/webhooks/" + id).then().statusCode(200);
        admin().post("/api/v1/webhooks/" + id + "/pause").then().statusCode(409).contentType("application/problem+json");
        admin().post("/api/v1/webhooks/" + id + "/resume").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    /** A resent change (at least once upstream) or an older version after a newer one adds no delivery. */
    @Test
    void repeatedAndStaleVersionsAreNotDeliveredAgain() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        subscribe(received, 0, "civic.event.*");
        String event = UUID.randomUUID().toString();
        publish("civic.event.scheduled", event, 1);
        publish("civic.event.rescheduled", event, 2);
        publish("civic.event.scheduled", event, 1);
        publish("civic.event.rescheduled", event, 2);
        publish("civic.event.cancelled", event, 3);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
        assertThat(received).extracting(r -> r.body().replaceAll(".*\"version\": ?(\\d+).*", "$1")).containsExactly("1", "2", "3");
    }

    @Test
    void aReceiverThatAlwaysFailsEndsInTheDeadLetterState() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        String id = subscribe(received, Integer.MAX_VALUE, "civic.event.completed").id();
        publish("civic.event.completed", UUID.randomUUID().toString(), 5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Client.anyone().auth().oauth2(Tokens.admin())
                .queryParam("status", "DEAD").get("/api/v1/webhooks/" + id + "/deliveries").then()
                .body("items.size()", equalTo(1)).body("items[0].attempts", equalTo(3)).body("items[0].lastStatus", equalTo(500)));
        assertThat(received).isEmpty();
    }

    /**
     * A record on a topic that is not a CloudEvent can never be ingested: it goes to the dead-letter
     * topic with where it came from and why, and the changes after it are delivered as usual.
     */
    @Test
    void aRecordThatIsNotACloudEventIsDeadLetteredAndTheChangesAfterItAreDelivered() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        subscribe(received, 0, "civic.event.*");
        String event = UUID.randomUUID().toString();
        org.apache.kafka.clients.producer.RecordMetadata poison = Poison.send("civic.events.v1", event);
        publish("civic.event.scheduled", event, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(r -> r.body().contains(event)));
        try (TopicReader deadLetters = new TopicReader(KafkaBroker.shared().bootstrapServers(), "civic.deadletter.v1")) {
            java.util.function.Predicate<TopicReader.Message> ours = m -> "civic.events.v1".equals(m.header("civic-dlq-topic"))
                    && String.valueOf(poison.partition()).equals(m.header("civic-dlq-partition"))
                    && String.valueOf(poison.offset()).equals(m.header("civic-dlq-offset"));
            TopicReader.Message letter = deadLetters.readUntil(l -> l.stream().anyMatch(ours), Duration.ofSeconds(20)).stream()
                    .filter(ours).findFirst().orElseThrow();
            assertThat(letter.header("civic-dlq-consumer")).isEqualTo("civic-gateway-webhooks");
            assertThat(letter.header("civic-dlq-reason")).contains("CloudEvent");
            assertThat(letter.key()).isEqualTo(event);
            assertThat(letter.value()).isEqualTo(Poison.VALUE);
        }
        assertThat(Client.anyone().get("/q/metrics").then().statusCode(200).extract().asString()).containsPattern(
                "civic_consumer_dead_letters_total\\{consumer=\"civic-gateway-webhooks\",topic=\"civic.events.v1\"} [1-9]");
    }

    /**
     * Receivers are independent: one that takes 10 s to answer does not hold up another, and while
     * its request waits no database transaction of the gateway is open.
     */
    @Test
    void aSlowReceiverDoesNotDelayAFastOneAndHoldsNoTransactionWhileItWaits() throws Exception {
        AtomicInteger slowCalls = new AtomicInteger();
        int slowPort = FreePorts.next();
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            slowCalls.incrementAndGet();
            vertx.setTimer(10_000, id -> request.response().setStatusCode(204).end());
        })).listen(slowPort).toCompletionStage().toCompletableFuture().get();
        java.util.Map<String, Long> arrived = new java.util.concurrent.ConcurrentHashMap<>();
        int fastPort = FreePorts.next();
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            arrived.put(body.toString().replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1"), System.nanoTime());
            request.response().setStatusCode(204).end();
        })).listen(fastPort).toCompletionStage().toCompletableFuture().get();
        register(slowPort, "civic.event.relayed", new String[1]);
        register(fastPort, "civic.event.relayed", new String[1]);

        publish("civic.event.relayed", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> slowCalls.get() == 1);
        long slowSince = System.nanoTime();
        java.util.Map<String, Long> published = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String subject = UUID.randomUUID().toString();
            published.put(subject, System.nanoTime());
            publish("civic.event.relayed", subject, 1);
            Thread.sleep(100);
        }
        await().atMost(Duration.ofSeconds(6)).until(() -> arrived.keySet().containsAll(published.keySet()));
        published.forEach((subject, at) -> assertThat(Duration.ofNanos(arrived.get(subject) - at))
                .as("latency of %s", subject).isLessThan(Duration.ofSeconds(2)));

        // the slow receiver still holds its first request: no transaction may be open meanwhile
        assertThat(slowCalls.get()).isEqualTo(1);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class))) {
            for (int sample = 0; sample < 5; sample++) {
                try (var rs = db.createStatement().executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and pid <> pg_backend_pid() and state like 'idle in transaction%' and state_change < now() - interval '1 second'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("sessions idle in a transaction for over a second").isZero();
                }
                Thread.sleep(200);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - slowSince)).as("checked while the slow receiver was still busy")
                .isLessThan(Duration.ofSeconds(10));
    }

    /**
     * The delivery log is shown to callers: it says that the connection failed, not the exception's
     * text, which names the address and port tried (and so tells which internal ports answer).
     */
    @Test
    void aReceiverThatCannotBeReachedIsLoggedAsConnectionFailedWithoutAddressOrPort() throws Exception {
        int closedPort = FreePorts.next();
        String id = register(closedPort, "civic.event.unreachable", new String[1]);
        publish("civic.event.unreachable", UUID.randomUUID().toString(), 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Client.anyone().auth().oauth2(Tokens.admin())
                .queryParam("status", "DEAD").get("/api/v1/webhooks/" + id + "/deliveries").then()
                .body("items.size()", equalTo(1)).body("items[0].lastError", equalTo("connection failed"))
                .body("items[0].lastStatus", nullValue()));
        String log = Client.anyone().auth().oauth2(Tokens.admin()).get("/api/v1/webhooks/" + id + "/deliveries").then().extract().asString();
        assertThat(log).doesNotContain(String.valueOf(closedPort)).doesNotContain("127.0.0.1").doesNotContainIgnoringCase("refused");
    }

    @Test
    void onlyAdminsManageWebhooks() {
        Client.anyone().contentType("application/json").body("{\"url\": \"https://example.org/hook\"}").post("/api/v1/webhooks")
                .then().statusCode(401).contentType("application/problem+json");
        Client.anyone().auth().oauth2(Tokens.editor("gwangju")).contentType("application/json").body("{\"url\": \"https://example.org/hook\"}")
                .post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");
        Client.anyone().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"url\": \"ftp://example.org/hook\"}")
                .post("/api/v1/webhooks").then().statusCode(400).body("violations[0].field", equalTo("url"));
    }

    /** A metric's value as Prometheus scrapes it (the largest, if it has several series); NaN when it is missing. */
    private static double gauge(String name) {
        String metrics = Client.anyone().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
    }
}
