package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.ChangeEvents;
import org.civicregistry.testsupport.OfficialsEvents;
import org.civicregistry.testsupport.TopicReader.Message;
import org.civicregistry.testsupport.TopicReader;
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
                JsonNode data = ChangeEvents.assertCloudEvent(event, "/civic-registry/officials", id, i + 1);
                OfficialsEvents.assertConforms(event.header("ce_type"), data);
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
     * The event contract consumers rely on (schemas/officials/*.json, in the AsyncAPI document): every
     * kind of record, every action, members set and unset, each event's data validates against its
     * type's schema and has no member the schema does not declare.
     */
    @Test
    void everyEventMatchesTheSchemaOfItsType() throws Exception {
        String province = Api.organization(Api.unique("jeonnam"), "전라남도", "Jeonnam", "province", null);
        String county = Api.organization(Api.unique("naju"), "나주시", null, "city", province);
        String post = Api.post(Api.unique("naju-mayor"), "나주시장", "Mayor of Naju", "mayor", county);
        String person = Api.person(Api.unique("yoon-byung-tae"), "윤병태", "Yoon Byung-tae");
        Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("""
                {"birthDate": "1961-05", "image": "https://example.org/yoon.jpg", "ownerOrganizationId": "%s",
                 "otherNames": [{"name": "Yun Byeong-tae", "language": "en", "note": "romanization"}],
                 "contacts": [{"type": "url", "value": "https://www.naju.go.kr/", "label": "Office"}],
                 "identifiers": [{"scheme": "wikidata", "identifier": "%s"}],
                 "sources": [{"url": "https://www.naju.go.kr/", "title": "나주시", "publishedOn": "2022-07"}]}"""
                .formatted(county, Api.unique("Q"))).patch("/api/v1/people/" + person).then().statusCode(200);
        String membership = Api.membership(person, post, "2022-07-01", null);
        Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"end\": \"2026-06-30\", \"endReason\": \"term_ended\"}")
                .patch("/api/v1/memberships/" + membership).then().statusCode(200);
        String former = Api.person(Api.unique("former"), "전임자", null);
        Api.admin().header("If-Match", "\"1\"").delete("/api/v1/people/" + former).then().statusCode(200);
        Api.admin().header("If-Match", "\"2\"").post("/api/v1/people/" + former + "/restore").then().statusCode(200);

        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            List<Message> events = new ArrayList<>();
            events.addAll(reader.forKey(province, 1, Duration.ofSeconds(30)));
            events.addAll(reader.forKey(county, 1, Duration.ofSeconds(30)));
            events.addAll(reader.forKey(post, 1, Duration.ofSeconds(30)));
            events.addAll(reader.forKey(person, 2, Duration.ofSeconds(30)));
            events.addAll(reader.forKey(former, 3, Duration.ofSeconds(30)));
            events.addAll(reader.forKey(membership, 2, Duration.ofSeconds(30)));
            assertThat(events).extracting(m -> m.header("ce_type")).contains("civic.organization.created",
                    "civic.post.created", "civic.person.archived", "civic.person.restored", "civic.person.updated", "civic.membership.ended");
            for (Message event : events) {
                assertThat(OfficialsEvents.violations(event.header("ce_type"), json.readTree(event.value())))
                        .as(event.header("ce_type") + " " + event.value()).isEmpty();
            }
        }
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
