package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.CivicTestResources;
import org.civicregistry.testsupport.SseClient;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The stream outlives a Kafka that is not there when the gateway starts. */
@QuarkusTest
@WithTestResource(value = CivicTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = Upstreams.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = BrokerDownAtStart.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamOutageTest {

    @AfterAll
    static void brokerBack() {
        KafkaBroker.shared().start();
    }

    @Test
    @Order(1)
    void theStreamServesChangesOnceKafkaComesUpAfterTheGateway() throws Exception {
        // Long enough for the feeds' first metadata requests to time out (5 s) against no broker.
        Thread.sleep(8_000);
        KafkaBroker.shared().start();
        String subject = UUID.randomUUID().toString();
        java.util.concurrent.atomic.AtomicInteger version = new java.util.concurrent.atomic.AtomicInteger();
        try (TopicWriter writer = new TopicWriter(KafkaBroker.shared().bootstrapServers())) {
            // the feed may need a while to find its partitions again; each new client starts where the feed is
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                try (SseClient client = new SseClient("http://localhost:" + RestAssured.port
                        + "/api/v1/stream?topics=civic.events.v1&subject=" + subject, null, Client.ownAddress())) {
                    assertThat(client.status()).isEqualTo(200);
                    writer.send("civic.events.v1", "/civic-registry/test", "civic.event.scheduled", subject,
                            "{\"id\":\"" + subject + "\",\"version\":" + version.incrementAndGet() + "}");
                    assertThat(client.take(1, Duration.ofSeconds(3))).hasSize(1);
                }
            });
        }
    }

    /**
     * Kafka gone while the gateway runs: a new stream cannot learn its start positions, and says so
     * within the set-up timeout (2 s) with a 503 problem and Retry-After, instead of holding a worker
     * thread and the client for Kafka's own minute-long timeout.
     */
    @Test
    @Order(2)
    void whileKafkaIsDownANewStreamIsA503ProblemWithinSeconds() throws Exception {
        String url = "http://localhost:" + RestAssured.port + "/api/v1/stream?topics=civic.events.v1";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            try (SseClient client = new SseClient(url, null, Client.ownAddress())) {
                assertThat(client.status()).isEqualTo(200);
            }
        });
        KafkaBroker.shared().stop();
        try {
            long started = System.nanoTime();
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(10)).header("X-Forwarded-For", Client.randomAddress()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.body()).contains("https://civic-registry.org/problems/unavailable");
        } finally {
            KafkaBroker.shared().start();
        }
    }
}
