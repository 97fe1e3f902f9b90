package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicReader.Message;
import org.junit.jupiter.api.Test;

/** Every committed change reaches civic.officials.v1 as one binary-mode CloudEvent, in order per record. */
@OfficialsTest
class ChangeStreamTest {

    static final String TOPIC = "civic.officials.v1";
    final ObjectMapper json = new ObjectMapper();

    @Test
    void eachChangeIsOneCloudEventKeyedByIdInCommitOrder() throws Exception {
        String id = Api.person(Api.unique("kim-dong-yeon"), "김동연", "Kim Dong-yeon");
        Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"birthDate\": \"1957\"}")
                .patch("/api/v1/people/" + id).then().statusCode(200);
        Api.admin().header("If-Match", "\"2\"").delete("/api/v1/people/" + id).then().statusCode(200);

        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            List<Message> events = reader.forKey(id, 3, Duration.ofSeconds(30));
            assertThat(events).extracting(m -> m.header("ce_type"))
                    .containsExactly("civic.person.created", "civic.person.updated", "civic.person.archived");
            for (int i = 0; i < events.size(); i++) {
                Message event = events.get(i);
                assertThat(event.header("ce_specversion")).isEqualTo("1.0");
                assertThat(event.header("ce_source")).isEqualTo("/civic-registry/officials");
                assertThat(event.header("ce_subject")).isEqualTo(id);
                assertThat(event.header("ce_id")).isNotBlank();
                assertThat(event.header("ce_time")).isNotBlank();
                assertThat(event.header("content-type")).isEqualTo("application/json");
                JsonNode data = json.readTree(event.value());
                assertThat(data.get("id").asText()).isEqualTo(id);
                assertThat(data.get("version").asInt()).isEqualTo(i + 1);
            }
            assertThat(json.readTree(events.get(1).value()).get("birthDate").asText()).isEqualTo("1957");
            assertThat(json.readTree(events.get(2).value()).get("status").asText()).isEqualTo("archived");
            assertThat(events).extracting(Message::partition).containsOnly(events.get(0).partition());
            assertThat(events).extracting(m -> m.header("ce_id")).doesNotHaveDuplicates();
        }
    }

    @Test
    void endingAMembershipIsItsOwnEvent() {
        String org = Api.organization(Api.unique("gwangju"), "광주광역시", "Gwangju", "metropolitan_city", null);
        String post = Api.post(Api.unique("mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", org);
        String person = Api.person(Api.unique("lee-yong-sup"), "이용섭", "Lee Yong-sup");
        String membership = Api.membership(person, post, "2018-07-01", null);
        Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"end\": \"2022-06-30\", \"endReason\": \"term_ended\"}")
                .patch("/api/v1/memberships/" + membership).then().statusCode(200);
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            assertThat(reader.forKey(membership, 2, Duration.ofSeconds(30))).extracting(m -> m.header("ce_type"))
                    .containsExactly("civic.membership.created", "civic.membership.ended");
        }
        given().get("/api/v1/memberships/" + membership + "/history").then().statusCode(200);
    }

    /**
     * Kafka down: writes still succeed, the service stays ready (reads and writes still work), the
     * stream health group reports the backlog, and everything arrives once the broker is back.
     */
    @Test
    void writesDuringABrokerOutageArriveWhenItReturns() {
        KafkaBroker broker = KafkaBroker.shared();
        String id;
        broker.stop();
        try {
            id = Api.person(Api.unique("outage"), "장애", "Outage");
            for (int version = 1; version <= 3; version++) {
                Api.admin().header("If-Match", "\"" + version + "\"").contentType("application/merge-patch+json")
                        .body("{\"birthDate\": \"19" + (60 + version) + "\"}")
                        .patch("/api/v1/people/" + id).then().statusCode(200);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.data.pending", org.hamcrest.Matchers.greaterThanOrEqualTo(4)));
            // Past civic.outbox.relay.max-lag (2 s in tests): still ready, still serving.
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/api/v1/people/" + id).then().statusCode(200);
        } finally {
            broker.start();
        }
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), TOPIC)) {
            List<Message> events = reader.forKey(id, 4, Duration.ofSeconds(60));
            assertThat(events).extracting(m -> m.header("ce_type")).containsExactly("civic.person.created",
                    "civic.person.updated", "civic.person.updated", "civic.person.updated");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(200));
    }
}
