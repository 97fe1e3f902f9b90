package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.civicregistry.testsupport.KafkaBroker;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

@GatewayTest
class StreamTest {

    TopicWriter writer;

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

    void publish(String topic, String type, String subject, int version) {
        writer.send(topic, "/civic-registry/test", type, subject,
                "{\"id\":\"" + subject + "\",\"version\":" + version + "}");
    }

    @Test
    void twoSubscribersWithFiltersGetTheirChangesInOrder() throws Exception {
        String person = UUID.randomUUID().toString();
        String event = UUID.randomUUID().toString();
        try (SseClient everything = new SseClient(url("?subject=" + person), null);
                SseClient cancellations = new SseClient(url("?topics=civic.events.v1&types=civic.event.cancelled"), null)) {
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

    @Test
    void resumingWithLastEventIdLosesNothingAndRepeatsNothing() throws Exception {
        String subject = UUID.randomUUID().toString();
        String lastSeen;
        try (SseClient first = new SseClient(url("?types=civic.membership.*&subject=" + subject), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.lastId() != null);
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
        try (SseClient resumed = new SseClient(url("?types=civic.membership.*&subject=" + subject), lastSeen)) {
            publish("civic.officials.v1", "civic.membership.ended", subject, 7);
            List<SseClient.Message> missed = resumed.take(4, Duration.ofSeconds(15));
            assertThat(missed).extracting(m -> m.data().replaceAll(".*\"version\":(\\d+).*", "$1"))
                    .containsExactly("4", "5", "6", "7");
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
}
