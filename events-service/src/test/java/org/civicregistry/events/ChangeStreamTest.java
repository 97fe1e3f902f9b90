package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.ChangeEvents;
import org.civicregistry.testsupport.Tokens;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicReader.Message;
import org.junit.jupiter.api.Test;

/** Every committed change of an event reaches civic.events.v1 as one binary-mode CloudEvent named after what happened, in order. */
@EventsTest
class ChangeStreamTest {

    static final String TOPIC = "civic.events.v1";
    final ObjectMapper json = new ObjectMapper();

    @Test
    void scheduledRescheduledCancelledArchivedInCommitOrderWithFullSnapshots() throws Exception {
        World world = World.get();
        String id = Api.event(world.gyeonggi).type("memorial_visit").title("국립5·18민주묘지 참배", "Visit to the National May 18 Democratic Cemetery")
                .starts("2023-10-12T10:00:00+09:00").participant(world.kimDongYeon, "host").participant(world.kangKiJung, "guest").create();
        Api.mergePatch(Tokens.admin(), 1).body("{\"startsAt\": \"2023-10-12T09:30:00+09:00\"}").patch("/api/v1/events/" + id)
                .then().statusCode(200);
        Api.transition(id, 2, "{\"to\": \"cancelled\"}").statusCode(200);
        Api.admin().header("If-Match", "\"3\"").delete("/api/v1/events/" + id).then().statusCode(200);
        String current = given().get("/api/v1/events/" + id).then().statusCode(200).extract().asString();

        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            List<Message> events = reader.forKey(id, 4, Duration.ofSeconds(30));
            assertThat(events).extracting(m -> m.header("ce_type")).containsExactly("civic.event.scheduled",
                    "civic.event.rescheduled", "civic.event.cancelled", "civic.event.archived");
            for (int i = 0; i < events.size(); i++) {
                Message event = events.get(i);
                JsonNode data = ChangeEvents.assertCloudEvent(event, "/civic-registry/events", id, i + 1);
            }
            JsonNode scheduled = json.readTree(events.get(0).value());
            assertThat(scheduled.get("status").asText()).isEqualTo("scheduled");
            assertThat(scheduled.get("startsAt").asText()).isEqualTo("2023-10-12T10:00:00+09:00");
            assertThat(scheduled.get("participants")).hasSize(2);
            JsonNode rescheduled = json.readTree(events.get(1).value());
            assertThat(rescheduled.get("status").asText()).isEqualTo("rescheduled");
            assertThat(rescheduled.get("previousStartTimes").get(0).asText()).isEqualTo("2023-10-12T10:00:00+09:00");
            assertThat(json.readTree(events.get(2).value()).get("status").asText()).isEqualTo("cancelled");
            // the last event is the record exactly as GET returns it
            assertThat(json.readTree(events.get(3).value())).isEqualTo(json.readTree(current));
            assertThat(json.readTree(current).get("recordStatus").asText()).isEqualTo("archived");
            assertThat(events).extracting(Message::partition).containsOnly(events.get(0).partition());
            assertThat(events).extracting(m -> m.header("ce_id")).doesNotHaveDuplicates();
        }
    }
}
