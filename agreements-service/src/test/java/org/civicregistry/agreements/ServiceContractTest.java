package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.OpenApiGolden;
import org.civicregistry.testsupport.ServiceDocument;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document, health and metrics, as an integrator finds them. */
@AgreementsTest
class ServiceContractTest {

    static final String GYEONGGI = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a01";
    static final String GWANGJU = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a02";

    @Inject
    AgroalDataSource dataSource;

    /** The served document is the committed one: changes to it are deliberate ({@link OpenApiGolden}). */
    @Test
    void theDocumentIsTheCommittedOne() {
        OpenApiGolden.checkServed();
    }

    @Test
    void everyOperationIsDocumentedWithErrorsAndExamples() {
        JsonPath doc = ServiceDocument.served();
        assertThat(doc.getMap("paths").keySet()).contains("/api/v1/agreements", "/api/v1/agreements/{id}", "/api/v1/agreements/{id}/history",
                "/api/v1/agreements/{id}/transitions", "/api/v1/agreements/{id}/items", "/api/v1/agreements/{id}/items/{number}");
        ServiceDocument.forEveryOperation(doc, op -> {
            String method = op.method();
            String at = op.at();
            if (method.equals("patch")) {
                assertThat(doc.getMap(op.base() + ".requestBody.content.'application/merge-patch+json'.examples")).as(at).isNotEmpty();
            }
            if (method.equals("put") || method.equals("patch") || method.equals("delete") || op.path().endsWith("/transitions")) {
                assertThat(op.responses()).as(at).containsKeys("412", "428");
            }
            List<Map<String, Object>> parameters = doc.getList(op.base() + ".parameters");
            if (parameters != null) {
                parameters.stream().filter(p -> "query".equals(p.get("in")))
                        .forEach(p -> assertThat(p.get("description")).as(at + " " + p.get("name")).isNotNull());
            }
        });
        String transitions = "paths.'/api/v1/agreements/{id}/transitions'.post.responses.'409'.content.'application/problem+json'";
        assertThat(doc.getList(transitions + ".examples.'invalid transition'.value.allowed", String.class)).containsExactly("signed");
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail", "violations", "allowed");
        assertThat(doc.getList("components.schemas.AgreementKind.enum", String.class)).contains("mutual_development", "mou", "task_force");
        assertThat(doc.getList("components.schemas.AgreementStatus.enum", String.class))
                .containsExactly("draft", "signed", "in_force", "expired", "terminated", "archived");
        assertThat(doc.getList("components.schemas.ItemStatus.enum", String.class)).containsExactly("planned", "in_progress", "done", "dropped");
        assertThat(doc.getMap("paths").keySet()).contains("/api/v1/programmes", "/api/v1/programmes/{id}", "/api/v1/programmes/{id}/history",
                "/api/v1/programmes/{id}/transitions", "/api/v1/programmes/{id}/restore", "/api/v1/programmes/{id}/initiatives",
                "/api/v1/programmes/{id}/initiatives/{number}", "/api/v1/programmes/{id}/initiatives/{number}/reports");
        assertThat(doc.getList("components.schemas.ProgrammeStatus.enum", String.class))
                .containsExactly("draft", "announced", "in_progress", "concluded");
        assertThat(doc.getList("components.schemas.ProgrammeKind.enum", String.class))
                .containsExactly("annual_plan", "pledges", "policy_proposals", "cooperation_plan", "other");
        assertThat(doc.getList("components.schemas.InitiativeStatus.enum", String.class)).containsExactly("planned", "completed",
                "completed_continuing", "on_track", "partially_done", "on_hold", "dropped");
        String programmeTransitions = "paths.'/api/v1/programmes/{id}/transitions'.post.responses.'409'.content.'application/problem+json'";
        assertThat(doc.getList(programmeTransitions + ".examples.'invalid transition'.value.allowed", String.class)).containsExactly("announced");
    }

    /**
     * The programme examples name Gwangju, its mayor's post and Lee Yong-sup, mayor in 2018–2022: once
     * the service has learned them, the programme, initiative and report examples are valid as they stand.
     */
    @Test
    void theProgrammeExamplesAreValidOnceTheirReferencesAreLearned() throws Exception {
        Officials officials = new Officials(dataSource);
        String mayor = "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a02";
        String lee = "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a03";
        officials.publish("created", Officials.organizationSnapshot(GWANGJU, Api.unique("gwangju"), "광주광역시", "Gwangju", "metropolitan_city", null, 1, "active"));
        officials.publish("created", Officials.postSnapshot(mayor, Api.unique("head"), "단체장", "Head", "head", GWANGJU, 1));
        officials.publish("created", Officials.personSnapshot(lee, Api.unique("announcer"), "이용섭", "Lee Yong-sup", 1));
        officials.publish("created", Officials.membershipSnapshot(org.civicregistry.commons.record.Ids.next().toString(), lee, mayor, GWANGJU,
                "2018-07-01", "2022-06-30", 1));
        officials.await();

        JsonPath doc = given().accept("application/json").get("/q/openapi").jsonPath();
        ObjectNode programme = (ObjectNode) Officials.JSON.valueToTree(
                doc.getMap("paths.'/api/v1/programmes'.post.requestBody.content.'application/json'.examples.'annual plan'.value"));
        programme.put("slug", Api.unique("example"));
        String id = Programmes.create(programme);
        ObjectNode initiative = (ObjectNode) Officials.JSON.valueToTree(doc.getMap(
                "paths.'/api/v1/programmes/{id}/initiatives'.post.requestBody.content.'application/json'.examples.initiative.value"));
        initiative.put("number", 42);
        Api.admin().body(initiative.toString()).post(Programmes.PROGRAMMES + "/" + id + "/initiatives").then().statusCode(201);
        Object report = doc.getMap("paths.'/api/v1/programmes/{id}/initiatives/{number}/reports'.post.requestBody.content."
                + "'application/json'.examples.'mid-year report'.value");
        Api.admin().body(Officials.JSON.valueToTree(report).toString()).post(Programmes.PROGRAMMES + "/" + id + "/initiatives/42/reports")
                .then().statusCode(201);
    }

    /** The examples reference officials-service ids: once the service has learned them, they are valid as they stand. */
    @Test
    void theAgreementExamplesAreValidOnceTheirReferencesAreLearned() throws Exception {
        Officials officials = new Officials(dataSource);
        officials.publish("created", Officials.organizationSnapshot(GYEONGGI, Api.unique("gyeonggi"), "경기도", "Gyeonggi", "province", null, 1, "active"));
        officials.publish("created", Officials.organizationSnapshot(GWANGJU, Api.unique("gwangju"), "광주광역시", "Gwangju", "metropolitan_city", null, 1, "active"));
        officials.publish("created", Officials.organizationSnapshot(id(3), Api.unique("jeonnam"), "전라남도", "Jeonnam", "province", null, 1, "active"));
        officials.publish("created", Officials.organizationSnapshot(id(4), Api.unique("institute"), "광주전남연구원", "Gwangju-Jeonnam Research Institute",
                "research_institute", null, 1, "active"));
        officials.publish("created", Officials.organizationSnapshot(id(5), Api.unique("task-force"), "광주·전남 초광역 협력사업 발굴 TF",
                "Gwangju–Jeonnam super-regional cooperation task force", "task_force", null, 1, "active"));
        for (int n = 1; n <= 2; n++) {
            String person = "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a0" + n;
            String post = "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a0" + n;
            String organization = n == 1 ? GYEONGGI : GWANGJU;
            officials.publish("created", Officials.personSnapshot(person, Api.unique("signatory"), "서명자", "Signatory", 1));
            officials.publish("created", Officials.postSnapshot(post, Api.unique("head"), "단체장", "Head", "head", organization, 1));
            officials.publish("created", Officials.membershipSnapshot(org.civicregistry.commons.record.Ids.next().toString(), person, post,
                    organization, "2022-07-01", null, 1));
        }
        officials.await();

        JsonPath doc = given().accept("application/json").get("/q/openapi").jsonPath();
        Map<String, Map<String, Object>> examples = doc.getMap("paths.'/api/v1/agreements'.post.requestBody.content.'application/json'.examples");
        assertThat(examples).hasSize(2);
        for (Map<String, Object> example : examples.values()) {
            ObjectNode body = (ObjectNode) Officials.JSON.valueToTree(example.get("value"));
            body.put("slug", Api.unique("example")); // the document's own slug may be taken by an earlier run of this test
            String id = Api.create(body);
            JsonNode created = Officials.JSON.readTree(given().get(Api.AGREEMENTS + "/" + id).asString());
            assertThat(created.get("items").size()).isGreaterThanOrEqualTo(3);
            Map<String, Map<String, Object>> itemExamples =
                    doc.getMap("paths.'/api/v1/agreements/{id}/items'.post.requestBody.content.'application/json'.examples");
            Object item = itemExamples.values().iterator().next().get("value");
            ObjectNode itemBody = (ObjectNode) Officials.JSON.valueToTree(item);
            itemBody.put("number", 42);
            Api.admin().body(itemBody.toString()).post(Api.AGREEMENTS + "/" + id + "/items").then().statusCode(201);
        }
    }

    @Test
    void healthShowsDatabaseOutboxAndReadModelAndMetricsArePublished() {
        ServiceDocument.assertHealthAndMetrics("civic.agreements.v1", List.of("outbox", "read-models"), "civic_consumer_applied_total",
                "civic_consumer_lag");
    }

    private static String id(int n) {
        return "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a0" + n;
    }
}
