package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Problems;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicReader.Message;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * What a programme write must satisfy: its lifecycle, its references (the announcer held the post
 * that day, as an agreement's signatory must), the bounds of its initiatives, and the owner's
 * jurisdiction. Each refusal is a problem naming the field; each accepted change is one event.
 */
@AgreementsTest
class ProgrammeRulesTest extends SeededTest {

    static final String PROGRAMMES = Programmes.PROGRAMMES;

    @Test
    void draftAnnouncedInProgressConcludedAndNothingElse() {
        ObjectNode draft = Programmes.gwangju2020(w, null);
        draft.remove("status");
        draft.remove("announcedOn");
        draft.remove("announcedBy");
        String id = Programmes.create(draft);
        String at = PROGRAMMES + "/" + id;
        given().get(at).then().body("status", equalTo("draft"));

        Problems.assertProblem(transition(id, "1", "{\"to\": \"concluded\"}"), 409, "invalid-transition")
                .body("allowed", contains("announced")).body("detail", containsString("from draft to concluded"));
        Problems.assertProblem(transition(id, "1", "{\"to\": \"announced\"}"), 400, "validation")
                .body("violations[0].field", equalTo("announcedOn"));
        transition(id, "1", "{\"to\": \"announced\", \"announcedOn\": \"2019-12-29\"}").statusCode(200).header("ETag", "\"2\"")
                .body("status", equalTo("announced")).body("announcedOn", equalTo("2019-12-29"));
        Api.patch("2").body("{\"status\": \"in_progress\"}").patch(at).then().statusCode(200).body("status", equalTo("in_progress"));
        Problems.assertProblem(Api.patch("3").body("{\"status\": \"draft\"}").patch(at).then(), 409, "invalid-transition")
                .body("allowed", contains("concluded"));
        transition(id, "3", "{\"to\": \"concluded\"}").statusCode(200).body("status", equalTo("concluded"));
        Problems.assertProblem(transition(id, "4", "{\"to\": \"in_progress\"}"), 409, "invalid-transition")
                .body("allowed", empty()).body("detail", containsString("concluded is final"));
        Problems.assertProblem(given().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).contentType("application/json")
                .header("If-Match", "\"4\"").body("{\"to\": \"archived\"}").post(at + "/transitions").then(), 400, "malformed-body");
        given().get(at + "/history").then().body("items.type", contains("civic.programme.created", "civic.programme.announced",
                "civic.programme.in_progress", "civic.programme.concluded"));
    }

    @Test
    void badInitiativesAreProblemsNamingTheField() {
        ObjectNode twice = Programmes.gwangju2020(w, null);
        ((ObjectNode) twice.get("initiatives").get(2)).put("number", 1);
        ((ObjectNode) twice.get("initiatives").get(1).get("subItems").get(2)).put("number", 2);
        invalid(twice).body("violations.field", hasItems("initiatives[2].number", "initiatives[1].subItems[2].number"))
                .body("violations.find { it.field == 'initiatives[2].number' }.message", containsString("already used by initiatives[0]"));

        ObjectNode tooFar = Programmes.gwangju2020(w, null);
        ((ObjectNode) tooFar.get("initiatives").get(0)).put("progress", 101);
        invalid(tooFar).body("violations[0].field", equalTo("initiatives[0].progress"));
        ObjectNode negative = Programmes.gwangju2020(w, null);
        ((ObjectNode) negative.get("initiatives").get(0).get("budget")).put("securedKrw", -1);
        invalid(negative).body("violations[0].field", equalTo("initiatives[0].budget.securedKrw"));
        ObjectNode unnumbered = Programmes.gwangju2020(w, null);
        ((ObjectNode) unnumbered.get("initiatives").get(0)).remove("number");
        invalid(unnumbered).body("violations[0].field", equalTo("initiatives[0].number"));
        ObjectNode backwards = Programmes.gwangju2020(w, null);
        backwards.putObject("period").put("start", "2020").put("end", "2019-12");
        invalid(backwards).body("violations[0].field", equalTo("period.end"));
        ObjectNode tooMany = Programmes.gwangju2020(w, null);
        for (int n = 4; n <= 101; n++) {
            tooMany.withArray("initiatives").add(Programmes.initiative(n, "시책 " + n, "Initiative " + n, "other"));
        }
        invalid(tooMany).body("violations[0].field", equalTo("initiatives"));

        String id = Programmes.create(Programmes.gwangju2020(w, null));
        Problems.assertProblem(unchecked().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"progress\": -5}").patch(PROGRAMMES + "/" + id + "/initiatives/1").then(), 400, "validation")
                .body("violations[0].field", equalTo("progress"));
        Problems.assertProblem(unchecked().body("{\"on\": \"2020-06-30\", \"status\": \"on_track\", \"progress\": 150}")
                .post(PROGRAMMES + "/" + id + "/initiatives/1/reports").then(), 400, "validation")
                .body("violations[0].field", equalTo("progress"));
        Problems.assertProblem(unchecked().body("{\"on\": \"2020-06-30\", \"status\": \"finished\"}")
                .post(PROGRAMMES + "/" + id + "/initiatives/1/reports").then(), 400, "malformed-body");
        Problems.assertProblem(unchecked().body("{\"on\": \"2020-06-30\", \"status\": \"on_track\"}")
                .post(PROGRAMMES + "/" + id + "/initiatives/0/reports").then(), 400, "bad-parameter");
        given().get(PROGRAMMES + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void referencesMustBeKnownAndTheAnnouncerMustHaveHeldThePostThatDay() {
        ObjectNode unknownOwner = Programmes.gwangju2020(w, null).put("ownerId", UUID.randomUUID().toString());
        unknown(unknownOwner, "ownerId");
        ObjectNode unknownLead = Programmes.gwangju2020(w, null);
        ((ObjectNode) unknownLead.get("initiatives").get(0)).put("leadOrganizationId", UUID.randomUUID().toString());
        unknown(unknownLead, "initiatives[0].leadOrganizationId");
        ObjectNode unknownPerson = Programmes.gwangju2020(w, null);
        ((ObjectNode) unknownPerson.get("announcedBy")).put("personId", UUID.randomUUID().toString());
        unknown(unknownPerson, "announcedBy.personId");
        ObjectNode unknownPost = Programmes.gwangju2020(w, null);
        ((ObjectNode) unknownPost.get("announcedBy")).put("postId", UUID.randomUUID().toString());
        unknown(unknownPost, "announcedBy.postId");

        // Kang Ki-jung became mayor on 1 July 2022: he did not announce the 2020 plan as mayor
        ObjectNode wrongMayor = Programmes.gwangju2020(w, null);
        ((ObjectNode) wrongMayor.get("announcedBy")).put("personId", w.kangKiJung);
        Problems.assertProblem(Api.admin().body(wrongMayor.toString()).post(PROGRAMMES).then(), 422, "unprocessable")
                .body("violations[0].field", equalTo("announcedBy")).body("violations[0].message", containsString("did not hold post"));
        ObjectNode undated = Programmes.gwangju2020(w, null).put("status", "draft");
        undated.remove("announcedOn");
        Problems.assertProblem(Api.admin().body(undated.toString()).post(PROGRAMMES).then(), 400, "validation")
                .body("violations[0].field", equalTo("announcedOn"));

        // agreement items exist in this service, by agreement and number
        String agreement = Api.create(Api.gyeonggiGwangju(w, null));
        ObjectNode linked = Programmes.gwangju2020(w, null);
        ((ObjectNode) linked.get("initiatives").get(0)).putArray("agreementItems").addObject().put("agreementId", agreement).put("number", 9);
        Problems.assertProblem(Api.admin().body(linked.toString()).post(PROGRAMMES).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("initiatives[0].agreementItems[0].number"));
        ((ObjectNode) linked.get("initiatives").get(0).get("agreementItems").get(0)).put("number", 1);
        ((ObjectNode) linked.get("initiatives").get(0)).putArray("eventIds").add(w.signingEvent);
        String id = Programmes.create(linked);
        given().get(PROGRAMMES + "/" + id + "/initiatives/1").then().body("agreementItems[0].agreementId", equalTo(agreement))
                .body("agreementItems[0].number", equalTo(1)).body("eventIds", org.hamcrest.Matchers.hasSize(1));
        Problems.assertProblem(Api.patch("1").body("{\"agreementItems\": [{\"agreementId\": \"" + UUID.randomUUID() + "\", \"number\": 1}]}")
                .patch(PROGRAMMES + "/" + id + "/initiatives/1").then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("agreementItems[0].agreementId"));
    }

    /** The owner's jurisdiction writes the programme; an editor elsewhere gets 403, and a lead organization grants nothing. */
    @Test
    void onlyEditorsOfTheOwnersJurisdictionWrite() {
        String gwangju = Tokens.editor(w.gwangjuSlug);
        String gyeonggi = Tokens.editor(w.gyeonggiSlug);
        ObjectNode body = Programmes.gwangju2020(w, null);
        ((ObjectNode) body.get("initiatives").get(1)).put("leadOrganizationId", w.gyeonggi);
        Problems.assertProblem(Api.as(gyeonggi).body(body.toString()).post(PROGRAMMES).then(), 403, "forbidden");
        String id = Api.as(gwangju).body(body.toString()).post(PROGRAMMES).then().statusCode(201).extract().path("id");
        String at = PROGRAMMES + "/" + id;
        Problems.assertProblem(Api.as(gyeonggi).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"announcementEventId\": null}").patch(at).then(), 403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggi).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"status\": \"on_track\"}").patch(at + "/initiatives/2").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggi).body("{\"on\": \"2020-06-30\", \"status\": \"on_track\"}")
                .post(at + "/initiatives/2/reports").then(), 403, "forbidden");
        Problems.assertProblem(Api.as(gyeonggi).header("If-Match", "\"1\"").delete(at).then(), 403, "forbidden");
        // moving a programme to another owner needs authority over the new one too
        Problems.assertProblem(Api.as(gwangju).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"ownerId\": \"" + w.gyeonggi + "\"}").patch(at).then(), 403, "forbidden");
        given().get(at).then().body("version", equalTo(1));

        Api.as(gwangju).body("{\"on\": \"2020-06-30\", \"status\": \"on_track\"}").post(at + "/initiatives/2/reports").then().statusCode(201);
        Problems.assertProblem(Api.as(gwangju).header("If-Match", "\"2\"").post(at + "/restore").then(), 403, "forbidden");
        Problems.assertProblem(given().contentType("application/json").body("{\"on\": \"2020-06-30\", \"status\": \"on_track\"}")
                .post(at + "/initiatives/2/reports").then(), 401, "unauthorized");
    }

    @Test
    void eachChangeIsOneCloudEventOnTheAgreementsTopicKeyedByProgramme() throws Exception {
        ObjectNode draft = Programmes.gwangju2020(w, Api.unique("gwangju-2020"));
        draft.remove("status");
        String id = Programmes.create(draft);
        String at = PROGRAMMES + "/" + id;
        transition(id, "1", "{\"to\": \"announced\"}").statusCode(200);
        Api.patch("1").body("{\"status\": \"on_hold\"}").patch(at + "/initiatives/2").then().statusCode(200);
        Api.admin().body("{\"on\": \"2020-06-30\", \"status\": \"completed\", \"progress\": 100}").post(at + "/initiatives/1/reports")
                .then().statusCode(201);
        Api.patch("4").body("{\"summary\": {\"en\": \"Twenty initiatives\"}}").patch(at).then().statusCode(200);
        Api.admin().header("If-Match", "\"5\"").delete(at).then().statusCode(200);

        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), ChangeStreamTest.TOPIC)) {
            List<Message> events = reader.forKey(id, 6, Duration.ofSeconds(30));
            assertThat(events).extracting(m -> m.header("ce_type")).containsExactly("civic.programme.created",
                    "civic.programme.announced", "civic.programme.initiative.status_changed", "civic.programme.initiative.reported",
                    "civic.programme.updated", "civic.programme.archived");
            for (int i = 0; i < events.size(); i++) {
                Message event = events.get(i);
                assertThat(event.header("ce_source")).isEqualTo("/civic-registry/agreements");
                assertThat(event.header("ce_subject")).isEqualTo(id);
                JsonNode data = Officials.JSON.readTree(event.value());
                assertThat(data.get("version").asInt()).isEqualTo(i + 1);
                assertThat(data.fieldNames()).toIterable().contains("id", "slug", "title", "kind", "status", "recordStatus", "ownerId",
                        "period", "announcedOn", "announcedBy", "initiatives", "statusCounts", "version");
                assertThat(data.get("ownerId").asText()).isEqualTo(w.gwangju);
            }
            assertThat(events).extracting(m -> Officials.JSON.readTree(m.value()).get("recordStatus").asText())
                    .containsExactly("active", "active", "active", "active", "active", "archived");
            JsonNode reported = Officials.JSON.readTree(events.get(3).value());
            assertThat(reported.at("/initiatives/0/reports/0/on").asText()).isEqualTo("2020-06-30");
            assertThat(reported.at("/statusCounts/completed").asInt()).isEqualTo(1);
            assertThat(reported.at("/statusCounts/on_hold").asInt()).isEqualTo(1);
            assertThat(events).extracting(Message::partition).containsOnly(events.get(0).partition());
        }
    }

    private ValidatableResponse transition(String id, String etag, String body) {
        return Api.admin().header("If-Match", "\"" + etag + "\"").body(body).post(PROGRAMMES + "/" + id + "/transitions").then();
    }

    /** As the admin, without the contract's request check: these bodies break the document on purpose. */
    private static RequestSpecification unchecked() {
        return given().filter(Contract.responsesOnly()).auth().oauth2(Tokens.admin()).contentType("application/json");
    }

    private static ValidatableResponse invalid(ObjectNode body) {
        String slug = Api.unique("refused");
        body.put("slug", slug);
        ValidatableResponse response = Problems.assertProblem(unchecked().body(body.toString()).post(PROGRAMMES).then(), 400, "validation");
        given().queryParam("slug", slug).get(PROGRAMMES).then().body("items", empty());
        return response;
    }

    private static void unknown(ObjectNode body, String field) {
        Problems.assertProblem(Api.admin().body(body.toString()).post(PROGRAMMES).then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo(field));
    }
}
