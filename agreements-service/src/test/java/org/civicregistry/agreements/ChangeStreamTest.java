package org.civicregistry.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.ChangeEvents;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicReader.Message;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * Every committed change of an agreement, its items' included, reaches civic.agreements.v1 as one
 * binary-mode CloudEvent keyed by the agreement id, in commit order, carrying the full snapshot that
 * events-service and other subscribers rely on.
 */
@AgreementsTest
class ChangeStreamTest {

    static final String TOPIC = "civic.agreements.v1";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachChangeIsOneCloudEventKeyedByAgreementInCommitOrder() throws Exception {
        World w = new World(dataSource);
        ObjectNode draft = Api.gyeonggiGwangju(w, Api.unique("gyeonggi-gwangju"));
        draft.remove("status");
        draft.remove("signedOn");
        String id = Api.create(draft);
        String at = Api.AGREEMENTS + "/" + id;
        Api.admin().header("If-Match", "\"1\"").body("{\"to\": \"signed\", \"signedOn\": \"2023-10-12\"}").post(at + "/transitions")
                .then().statusCode(200);
        Api.patch("1").body("{\"status\": \"in_progress\"}").patch(at + "/items/1").then().statusCode(200);
        Api.patch("1").body("{\"sector\": \"ai\"}").patch(at + "/items/2").then().statusCode(200);
        Api.patch("4").body("{\"status\": \"in_force\", \"signingEventId\": \"" + w.signingEvent + "\"}").patch(at)
                .then().statusCode(200);
        Api.admin().header("If-Match", "\"5\"").delete(at).then().statusCode(200);

        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            List<Message> events = reader.forKey(id, 6, Duration.ofSeconds(30));
            assertThat(events).extracting(m -> m.header("ce_type")).containsExactly("civic.agreement.created",
                    "civic.agreement.signed", "civic.agreement.item.status_changed", "civic.agreement.updated",
                    "civic.agreement.in_force", "civic.agreement.archived");
            for (int i = 0; i < events.size(); i++) {
                Message event = events.get(i);
                JsonNode data = ChangeEvents.assertCloudEvent(event, "/civic-registry/agreements", id, i + 1);
                // the snapshot contract: what events-service and other subscribers read
                assertThat(data.fieldNames()).toIterable().contains("id", "slug", "title", "kind", "status", "signedOn", "parties",
                        "signingEventId", "version", "items");
                assertThat(data.at("/title/ko").asText()).isEqualTo("경기도·광주광역시 상생발전 합의문");
                assertThat(data.at("/title/en").asText()).isNotBlank();
                assertThat(data.at("/parties/0/organizationId").asText()).isEqualTo(w.gyeonggi);
                assertThat(data.at("/parties/0/role").asText()).isEqualTo("party");
                assertThat(data.at("/parties/0/signatory/personId").asText()).isEqualTo(w.kimDongYeon);
                assertThat(data.at("/parties/0/signatory/postId").asText()).isEqualTo(w.governor);
            }
            assertThat(events).extracting(m -> Officials.JSON.readTree(m.value()).get("status").asText())
                    .containsExactly("draft", "signed", "signed", "signed", "in_force", "archived");
            JsonNode signed = Officials.JSON.readTree(events.get(1).value());
            assertThat(signed.get("signedOn").asText()).isEqualTo("2023-10-12");
            assertThat(signed.get("signingEventId").isNull()).isTrue();
            assertThat(Officials.JSON.readTree(events.get(2).value()).at("/items/0/status").asText()).isEqualTo("in_progress");
            assertThat(Officials.JSON.readTree(events.get(4).value()).get("signingEventId").asText())
                    .isEqualTo(w.signingEvent);
            assertThat(events).extracting(Message::partition).containsOnly(events.get(0).partition());
            assertThat(events).extracting(m -> m.header("ce_id")).doesNotHaveDuplicates();
        }
    }

    /**
     * An agreement grown item by item, each request well under the body limit: the write that would
     * make its snapshot larger than one record may be is refused with a problem naming the limit,
     * changes nothing, and the service's stream goes on (before, that snapshot sat at the head of the
     * outbox and stopped every later change of the service from reaching Kafka).
     */
    @Test
    void anAgreementGrownPastTheRecordLimitIsRefusedAndTheStreamGoesOn() throws Exception {
        World w = new World(dataSource);
        ObjectNode draft = Api.agreement(Api.unique("large"), "큰 협약", "A large agreement", "mou", null, null, Api.party(w.gyeonggi));
        String id = Api.create(draft);
        String at = Api.AGREEMENTS + "/" + id;
        int version = 1;
        int refusedAt = 0;
        for (int number = 1; number <= 60 && refusedAt == 0; number++) {
            ObjectNode item = Api.item(number, "항목 " + number, "Item " + number, "large");
            item.putObject("description").put("ko", "설명".repeat(2500)).put("en", "d".repeat(5000));
            var milestones = item.putArray("milestones");
            for (int m = 0; m < 50; m++) {
                milestones.addObject().putObject("title").put("ko", "단계".repeat(250)).put("en", "m".repeat(500));
            }
            var response = Api.admin().body(item.toString()).post(at + "/items")
                    .then().extract();
            if (response.statusCode() == 201) {
                version++;
            } else {
                assertThat(response.statusCode()).isEqualTo(422);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.jsonPath().getString("type")).isEqualTo("https://civic-registry.org/problems/record-too-large");
                assertThat(response.jsonPath().getString("detail")).contains(String.valueOf(RecordLimits.MAX_DATA_BYTES));
                refusedAt = number;
            }
        }
        assertThat(refusedAt).as("the item that passes the limit").isGreaterThan(1);
        int items = refusedAt - 1;
        Api.admin().get(at).then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(version))
                .body("items.size()", org.hamcrest.Matchers.equalTo(items));

        String next = Api.create(Api.agreement(Api.unique("after-large"), "다음 협약", "The next agreement", "mou", null, null,
                Api.party(w.gwangju)));
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            assertThat(reader.forKey(next, 1, Duration.ofSeconds(30))).extracting(m -> m.header("ce_type"))
                    .containsExactly("civic.agreement.created");
            List<Message> large = reader.forKey(id, version, Duration.ofSeconds(30));
            assertThat(large).hasSize(version);
            assertThat(large.get(version - 1).value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(RecordLimits.MAX_DATA_BYTES);
        }
    }
}
