package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.civicregistry.commons.kafka.DeadLetters;
import org.civicregistry.commons.record.Ids;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.OfficialsEvents.Snapshot;
import org.civicregistry.testsupport.TopicReader.Message;
import org.civicregistry.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * The read model learns officials-service's records from civic.officials.v1, as officials-service
 * publishes them: it applies each record's newest version whatever order the events come in, and
 * repeats change nothing.
 */
@AgreementsTest
class ReadModelTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void referencesAreRejectedUntilLearnedThenAccepted() {
        Officials officials = new Officials(dataSource);
        String jeju = Ids.next().toString();
        String jejuSlug = Api.unique("jeju");
        String body = Api.agreement(null, "제주 협약", "Jeju agreement", "mou", null, null, Api.party(jeju)).toString();
        Api.admin().body(body).post(Api.AGREEMENTS).then().statusCode(422)
                .body("type", equalTo("https://civic-registry.org/problems/unknown-reference"))
                .body("violations[0].field", equalTo("parties[0].organizationId"));

        officials.publish("created", Officials.organizationSnapshot(jeju, jejuSlug, "제주특별자치도", "Jeju", "special_self_governing_province",
                null, 1, "active"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.admin().body(body).post(Api.AGREEMENTS).then().statusCode(201));
        given().queryParam("party", jejuSlug).get(Api.AGREEMENTS).then().statusCode(200).body("items[0].parties[0].organizationId", equalTo(jeju));
    }

    @Test
    void duplicatesAndStaleVersionsChangeNothing() {
        Officials officials = new Officials(dataSource);
        String id = Ids.next().toString();
        String oldSlug = Api.unique("jeonbuk-old");
        String newSlug = Api.unique("jeonbuk");
        Snapshot v1 = Officials.organizationSnapshot(id, oldSlug, "전라북도", "Jeollabuk-do", "province", null, 1, "active");
        Snapshot v2 = Officials.organizationSnapshot(id, newSlug, "전북특별자치도", "Jeonbuk State", "special_self_governing_province",
                null, 2, "active");
        double before = appliedEvents();
        officials.publish("created", v1);
        officials.publish("updated", v2);
        officials.publish("updated", v2); // delivered twice (at least once)
        officials.publish("created", v1); // an old version, replayed after the newer one
        // all four were handled, in topic order (one key, one partition)
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedEvents() >= before + 4);
        officials.await();
        assertThat(officials.version("known_organization", id)).isEqualTo(2);
        assertThat(officials.column("known_organization", "slug", id)).isEqualTo(newSlug);
        assertThat(officials.column("known_organization", "classification", id)).isEqualTo("special_self_governing_province");
        given().queryParam("party", newSlug).get(Api.AGREEMENTS).then().statusCode(200);
        given().queryParam("party", oldSlug).get(Api.AGREEMENTS).then().statusCode(400).body("violations[0].field", equalTo("party"));
    }

    /**
     * A membership's end arrives before its start (another order than officials committed them): the
     * newer version holds, so the signatory check uses the term as it ended.
     */
    @Test
    void outOfOrderMembershipVersionsKeepTheNewest() {
        Officials officials = new Officials(dataSource);
        double before = appliedEvents();
        String gwangju = officials.organization(Api.unique("gwangju"), "광주광역시", "Gwangju", "metropolitan_city", null);
        String jeonnam = officials.organization(Api.unique("jeonnam"), "전라남도", "Jeonnam", "province", null);
        String mayor = officials.post(Api.unique("gwangju-mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", gwangju);
        String lee = officials.person(Api.unique("lee-yong-sup"), "이용섭", "Lee Yong-sup");
        String term = Ids.next().toString();
        officials.publish("ended", Officials.membershipSnapshot(term, lee, mayor, gwangju, "2018-07-01", "2022-06-30", 2));
        officials.publish("created", Officials.membershipSnapshot(term, lee, mayor, gwangju, "2018-07-01", null, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedEvents() >= before + 6);
        officials.await();
        assertThat(officials.version("known_membership", term)).isEqualTo(2);
        assertThat(officials.column("known_membership", "end_on", term)).hasToString("2022-06-30");

        String in2019 = Api.agreement(null, "시험 협약", "Test agreement", "cooperation", "signed", "2019-12-26",
                Api.party(gwangju, lee, mayor), Api.party(jeonnam)).toString();
        Api.admin().body(in2019).post(Api.AGREEMENTS).then().statusCode(201);
        String in2023 = in2019.replace("2019-12-26", "2023-01-05");
        Api.admin().body(in2023).post(Api.AGREEMENTS).then().statusCode(422)
                .body("type", equalTo("https://civic-registry.org/problems/unprocessable"))
                .body("violations[0].field", equalTo("parties[0].signatory"));
    }

    /**
     * A record on civic.officials.v1 that is not a CloudEvent, followed on its partition by a valid
     * event: the bad one goes to the dead-letter topic with the reason, the valid one is applied.
     * Before, the deserializer failed inside poll and the consumer read the same offset for ever.
     */
    @Test
    void aPoisonRecordIsDeadLetteredAndTheEventsAfterItAreApplied() throws Exception {
        Officials officials = new Officials(dataSource);
        String id = Ids.next().toString();
        Officials.writer().sendRaw(Officials.TOPIC, id, "not a cloud event".getBytes(StandardCharsets.UTF_8), Map.of());
        officials.publish("created", Officials.organizationSnapshot(id, Api.unique("after-poison"), "다음", "After", "province",
                null, 1, "active"));
        officials.await();
        try (TopicReader dead = new TopicReader(KafkaBroker.shared().bootstrapServers(), DeadLetters.TOPIC)) {
            Message letter = dead.forKey(id, 1, Duration.ofSeconds(30)).get(0);
            assertThat(letter.header("civic-dlq-topic")).isEqualTo(Officials.TOPIC);
            assertThat(letter.header("civic-dlq-consumer")).isEqualTo("agreements-service");
            assertThat(letter.header("civic-dlq-reason")).contains("not a binary-mode CloudEvent");
            assertThat(letter.header("civic-dlq-offset")).isNotBlank();
            assertThat(letter.value()).isEqualTo("not a cloud event");
        }
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("civic_consumer_dead_letters_total\\{[^}]*consumer=\"agreements-service\"[^}]*} [1-9]");
    }

    /**
     * The read model's table is away (as during a database restart) when an event comes: the consumer
     * holds the partition and tries again until it is back, and the stream health says so meanwhile.
     * Before, it gave up after five attempts and committed past the event: the person was lost.
     */
    @Test
    void anEventThatCannotBeAppliedYetIsHeldAndAppliedOnceItCanBe() throws Exception {
        Officials officials = new Officials(dataSource);
        execute("alter table known_person rename to known_person_away");
        String person;
        try {
            person = officials.person(Api.unique("held"), "보류", "Held");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(503)
                    .body("checks.find { it.name == 'read-models' }.data.failingMillis", org.hamcrest.Matchers.greaterThan(0)));
            // Held, not skipped, for longer than the five attempts of a second each the consumer used to make.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                    given().get("/q/health/group/stream").then().statusCode(503));
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            execute("alter table known_person_away rename to known_person");
        }
        officials.await();
        assertThat(officials.version("known_person", person)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(200));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static double appliedEvents() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("civic_consumer_applied_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
