package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.SseClient;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** A replay that cannot finish within its deadline ends in an explicit gap, never a silent one. */
@GatewayTest
@TestProfile(StreamReplayDeadlineTest.NoTimeToReplay.class)
class StreamReplayDeadlineTest {

    /** A deadline the replay cannot meet, as a long absence would meet the real one. */
    public static class NoTimeToReplay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("civic.gateway.stream.replay-deadline", "0s");
        }
    }

    @Test
    void aReplayThatMissesItsDeadlineSendsAGapEventThenGoesOnLive() throws Exception {
        String topic = "civic.events.v1";
        String subject = UUID.randomUUID().toString();
        String url = "http://localhost:" + RestAssured.port + "/api/v1/stream?topics=" + topic + "&subject=" + subject;
        try (TopicWriter writer = new TopicWriter(KafkaBroker.shared().bootstrapServers())) {
            String lastSeen;
            try (SseClient first = new SseClient(url, null, Client.ownAddress())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> first.lastId() != null);
                lastSeen = first.lastId();
            }
            for (int v = 1; v <= 2; v++) {
                writer.send(topic, "/civic-registry/test", "civic.event.rescheduled", subject, "{\"id\":\"" + subject + "\",\"version\":" + v + "}");
            }
            try (SseClient resumed = new SseClient(url, lastSeen, Client.ownAddress())) {
                List<SseClient.Message> gap = resumed.take(1, Duration.ofSeconds(10));
                assertThat(gap).extracting(SseClient.Message::event).containsExactly("gap");
                JsonObject data = new JsonObject(gap.get(0).data());
                assertThat(data.getString("reason")).isEqualTo("replay-deadline");
                assertThat(data.getJsonObject("partitions").fieldNames()).isNotEmpty();
                assertThat(data.getString("refetch")).contains("/api/v1/events").contains("updatedSince");
                writer.send(topic, "/civic-registry/test", "civic.event.cancelled", subject, "{\"id\":\"" + subject + "\",\"version\":3}");
                assertThat(resumed.take(1, Duration.ofSeconds(10))).extracting(SseClient.Message::event)
                        .containsExactly("civic.event.cancelled");
            }
        }
    }
}
