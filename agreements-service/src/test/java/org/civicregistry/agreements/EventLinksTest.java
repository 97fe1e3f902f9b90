package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.Sql;
import org.junit.jupiter.api.Test;

/**
 * Agreements and programmes link to events-service's events (a signing ceremony, an announcement, an
 * initiative's events) only once this service has learned them from civic.events.v1: an event it does
 * not know is a 422 naming the field, as an unknown organization is. The read model keeps each event's
 * newest version whatever order its snapshots arrive in.
 */
@AgreementsTest
class EventLinksTest extends SeededTest {

    @Test
    void anAgreementLinksOnlyAKnownSigningEvent() {
        String agreement = Api.create(Api.gyeonggiGwangju(w, null));
        String unknown = UUID.randomUUID().toString();
        Problems.assertProblem(Api.patch("1").body("{\"signingEventId\": \"" + unknown + "\"}").patch(Api.AGREEMENTS + "/" + agreement)
                .then(), 422, "unknown-reference").body("violations[0].field", equalTo("signingEventId"));

        Events.publish("civic.event.scheduled", Events.snapshot(unknown, Api.unique("signing"), "체결식", "Signing", 1, "active"));
        Events.awaitVersion(dataSource, unknown, 1);
        Api.patch("1").body("{\"signingEventId\": \"" + unknown + "\"}").patch(Api.AGREEMENTS + "/" + agreement).then()
                .statusCode(200).body("signingEventId", equalTo(unknown));
    }

    @Test
    void aProgrammeLinksOnlyKnownEvents() {
        String unknown = UUID.randomUUID().toString();
        ObjectNode announced = Programmes.gwangju2020(w, null).put("announcementEventId", unknown);
        Problems.assertProblem(Api.admin().body(announced.toString()).post(Programmes.PROGRAMMES).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("announcementEventId"));

        ObjectNode withEvents = Programmes.gwangju2020(w, null);
        ((ObjectNode) withEvents.get("initiatives").get(1)).putArray("eventIds").add(Events.known(dataSource, Api.unique("launch")))
                .add(unknown);
        Problems.assertProblem(Api.admin().body(withEvents.toString()).post(Programmes.PROGRAMMES).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("initiatives[1].eventIds[1]"));

        String conference = Events.known(dataSource, Api.unique("press-conference"));
        String id = Programmes.create(Programmes.gwangju2020(w, null).put("announcementEventId", conference));
        Problems.assertProblem(Api.patch("1").body("{\"eventIds\": [\"" + unknown + "\"]}")
                .patch(Programmes.PROGRAMMES + "/" + id + "/initiatives/1").then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("eventIds[0]"));
        Api.patch("1").body("{\"eventIds\": [\"" + conference + "\"]}").patch(Programmes.PROGRAMMES + "/" + id + "/initiatives/1")
                .then().statusCode(200).body("eventIds[0]", equalTo(conference));
        given().get(Programmes.PROGRAMMES + "/" + id).then().body("announcementEventId", equalTo(conference));
    }

    @Test
    void theNewestVersionOfAnEventHoldsWhateverTheOrder() throws Exception {
        String id = UUID.randomUUID().toString();
        String slug = Api.unique("lecture");
        double before = ReadModelTest.appliedEvents();
        Events.publish("civic.event.scheduled", Events.snapshot(id, slug, "특강", "Lecture", 1, "active"));
        Events.publish("civic.event.archived", Events.snapshot(id, slug, "특강 (취소)", "Lecture (withdrawn)", 3, "archived"));
        Events.publish("civic.event.rescheduled", Events.snapshot(id, slug, "특강 (변경)", "Lecture (moved)", 2, "active"));
        Events.publish("civic.event.scheduled", Events.snapshot(id, slug, "특강", "Lecture", 1, "active"));
        // all four handled, in topic order (one key, one partition): the repeats and older versions changed nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> ReadModelTest.appliedEvents() >= before + 4);
        assertThat(Events.version(dataSource, id)).isEqualTo(3);
        assertThat(Sql.count(dataSource, "select count(*) from known_event where id = '" + id + "' and status = 'archived'"
                + " and title ->> 'en' = 'Lecture (withdrawn)'")).isEqualTo(1);
    }
}
