package org.civicregistry.agreements;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;


import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.testsupport.Paging;
import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/** The agreements collection and its items, end to end through the API, on the agreements of docs/sources.md. */
@AgreementsTest
class AgreementApiTest extends SeededTest {

    @Test
    void createReadReplacePatchArchiveWithVersionsAndHistory() {
        String slug = Api.unique("gyeonggi-gwangju");
        ObjectNode body = Api.gyeonggiGwangju(w, slug);
        Response created = Api.admin().body(body.toString()).post(Api.AGREEMENTS);
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("status", equalTo("signed")).body("kind", equalTo("mutual_development"))
                .body("signedOn", equalTo("2023-10-12")).body("place.name.en", equalTo("Gwangju City Hall"))
                .body("parties.organizationId", contains(w.gyeonggi, w.gwangju))
                .body("parties[0].signatory.personId", equalTo(w.kimDongYeon))
                .body("items.number", contains(1, 2, 3, 4, 5, 6, 7, 8))
                .body("items.status", contains("planned", "planned", "planned", "planned", "planned", "planned", "planned", "planned"))
                .body("items.version", contains(1, 1, 1, 1, 1, 1, 1, 1))
                .body("items[5].milestones[0].due", equalTo("2024"))
                .body("signingEventId", nullValue());
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/agreements/" + id);

        given().get(Api.AGREEMENTS + "/" + id).then().statusCode(200).header("ETag", "\"1\"").body("title.ko", equalTo("경기도·광주광역시 상생발전 합의문"));
        given().header("If-None-Match", "\"1\"").get(Api.AGREEMENTS + "/" + id).then().statusCode(304);
        given().queryParam("lang", "en").get(Api.AGREEMENTS + "/" + id).then().header("ETag", "\"1-en\"").header("Content-Language", "en")
                .body("title.ko", nullValue()).body("items[6].title.en", equalTo("Joint response to the Fukushima contaminated water discharge"))
                .body("place.name.ko", nullValue());

        // PUT replaces: the summary is new, the items are the same and keep their versions
        body.putObject("summary").put("ko", "8개 과제 상호 협력").put("en", "Eight tasks");
        Api.admin().header("If-Match", "\"1\"").body(body.toString()).put(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("summary.en", equalTo("Eight tasks")).body("items.version", contains(1, 1, 1, 1, 1, 1, 1, 1));
        // PATCH merges: the signing ceremony is linked, the rest stays
        String event = w.signingEvent;
        Api.patch("2").body("{\"signingEventId\": \"" + event + "\"}").patch(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .header("ETag", "\"3\"").body("signingEventId", equalTo(event)).body("summary.ko", equalTo("8개 과제 상호 협력"));
        Api.patch("3").body("{\"status\": \"in_force\"}").patch(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("in_force"));

        Api.admin().header("If-Match", "\"4\"").delete(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("archived")).body("version", equalTo(5));
        given().get(Api.AGREEMENTS + "/" + id).then().statusCode(200).body("status", equalTo("archived"));
        given().queryParam("party", w.gyeonggi).queryParam("q", slug).get(Api.AGREEMENTS).then().body("items", hasSize(0));
        given().queryParam("party", w.gyeonggi).queryParam("q", slug).queryParam("status", "archived").get(Api.AGREEMENTS).then()
                .body("items.id", contains(id));
        Api.patch("5").body("{\"signingEventId\": null}").patch(Api.AGREEMENTS + "/" + id).then().statusCode(409);
        Api.patch("1").body("{\"status\": \"done\"}").patch(Api.AGREEMENTS + "/" + id + "/items/1").then().statusCode(409);

        given().get(Api.AGREEMENTS + "/" + id + "/history").then().statusCode(200)
                .body("items.version", contains(1, 2, 3, 4, 5))
                .body("items.type", contains("civic.agreement.created", "civic.agreement.updated", "civic.agreement.updated",
                        "civic.agreement.in_force", "civic.agreement.archived"))
                .body("items[1].snapshot.summary.en", equalTo("Eight tasks"))
                .body("items[0].changedBy", equalTo("admin"))
                .body("items[0].changedByUser", org.hamcrest.Matchers.nullValue());
    }

    /**
     * "Gyeonggi's fourth mutual development agreement" is a query: after Chungnam, Jeonnam and Jeonbuk
     * (the seeds give only their order; the dates here are placeholders), Gwangju comes fourth,
     * whatever order they were registered in.
     */
    @Test
    void aPartysAgreementsComeInSigningOrderAcrossPages() {
        World own = new World(dataSource);
        String gwangju = Api.create(Api.gyeonggiGwangju(own, null));
        String jeonbuk = Api.create(Api.agreement(null, "경기도·전북 상생협약", "Gyeonggi–Jeonbuk", "mutual_development", "signed", "2023-06",
                Api.party(own.gyeonggi), Api.party(own.jeonbuk)));
        String chungnam = Api.create(Api.agreement(null, "경기도·충남 상생협약", "Gyeonggi–Chungnam", "mutual_development", "signed", "2022-12-01",
                Api.party(own.gyeonggi), Api.party(own.chungnam)));
        String jeonnam = Api.create(Api.agreement(null, "경기도·전남 상생협약", "Gyeonggi–Jeonnam", "mutual_development", "signed", "2023-03-15",
                Api.party(own.gyeonggi), Api.party(own.jeonnam)));
        String draft = Api.create(Api.agreement(null, "경기도·강원 상생협약(안)", "Gyeonggi draft", "mutual_development", null, null,
                Api.party(own.gyeonggi)));
        String mou = Api.create(Api.agreement(null, "경기도 업무협약", "Gyeonggi MOU", "mou", "signed", "2023-01-01", Api.party(own.gyeonggi)));

        Paging.Walk walk = Paging.follow(Api.AGREEMENTS + "?party=" + own.gyeonggiSlug + "&kind=mutual_development&limit=2");
        assertThat(walk.pages()).isEqualTo(3);
        assertThat(walk.ids()).containsExactly(chungnam, jeonnam, jeonbuk, gwangju, draft);
        given().queryParam("party", own.gyeonggi).queryParam("kind", "mutual_development").queryParam("status", "signed").get(Api.AGREEMENTS)
                .then().body("items[3].id", equalTo(gwangju)).body("items[3].parties[1].organizationId", equalTo(own.gwangju));
        given().queryParam("party", own.gyeonggiSlug).get(Api.AGREEMENTS).then().body("items.id",
                contains(chungnam, mou, jeonnam, jeonbuk, gwangju, draft));
        given().queryParam("party", own.gwangjuSlug).get(Api.AGREEMENTS).then().body("items.id", contains(gwangju));
        String next = given().queryParam("party", own.gyeonggiSlug).queryParam("limit", 4).get(Api.AGREEMENTS).path("nextCursor");
        given().queryParam("party", own.gyeonggiSlug).queryParam("limit", 4).queryParam("cursor", next).queryParam("count", "exact")
                .get(Api.AGREEMENTS).then().body("items.id", contains(gwangju, draft)).body("total.value", equalTo(6));
        given().queryParam("party", own.gyeonggiSlug).queryParam("kind", "mutual_development").queryParam("count", "estimated")
                .get(Api.AGREEMENTS).then().body("total.value", equalTo(5)).body("total.relation", equalTo("eq"));
    }

    @Test
    void filtersBySignatoryPostKindStatusSectorDatesTextAndUpdatedSince() {
        World own = new World(dataSource);
        String agreement = Api.create(Api.gyeonggiGwangju(own, null));
        ObjectNode taskForce = Api.agreement(null, "광주·전남 초광역 협력 TF", "Gwangju–Jeonnam super-regional cooperation task force",
                "task_force", "in_force", "2021", Api.party(own.gwangju), Api.party(own.jeonnam), Api.party(own.researchInstitute));
        ((ObjectNode) taskForce.get("parties").get(2)).put("role", "secretariat");
        taskForce.withArray("items").add(Api.item(1, "생활·안전·SOC", "Living, safety and SOC", "infrastructure"));
        taskForce.withArray("items").add(Api.item(2, "관광·문화", "Tourism and culture", "tourism"));
        taskForce.withArray("items").add(Api.item(3, "산업·농업·환경", "Industry, agriculture and environment", "industry"));
        String archiveId = Api.unique("tf");
        taskForce.withArray("identifiers").addObject().put("scheme", "gwangju-archive").put("identifier", archiveId);
        String tf = Api.create(taskForce);
        String party = own.gwangjuSlug;
        given().queryParam("identifier", "gwangju-archive:" + archiveId).get(Api.AGREEMENTS).then().statusCode(200)
                .body("items.id", contains(tf));
        given().queryParam("id", agreement, tf).get(Api.AGREEMENTS).then().statusCode(200).body("items.id", contains(tf, agreement));

        given().queryParam("signatory", own.kimDongYeonSlug).get(Api.AGREEMENTS).then().statusCode(200).body("items.id", contains(agreement));
        given().queryParam("signatory", own.kangKiJung).get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("post", own.governorSlug).get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("party", party).queryParam("kind", "task_force").get(Api.AGREEMENTS).then().body("items.id", contains(tf))
                .body("items[0].parties[2].role", equalTo("secretariat")).body("items[0].items", hasSize(3));
        given().queryParam("party", party).queryParam("status", "in_force").get(Api.AGREEMENTS).then().body("items.id", contains(tf));
        given().queryParam("party", party).queryParam("status", "signed").get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("party", party).queryParam("sector", "tourism").get(Api.AGREEMENTS).then().body("items.id", contains(tf, agreement));
        given().queryParam("party", party).queryParam("sector", "ai_industry").get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        // a partial signing date (2021) matches any range it may fall in
        given().queryParam("party", party).queryParam("from", "2021-04-01").queryParam("to", "2021-04-30").get(Api.AGREEMENTS).then()
                .body("items.id", contains(tf));
        given().queryParam("party", party).queryParam("from", "2023-10-12").get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("party", party).queryParam("to", "2023-10-11").get(Api.AGREEMENTS).then().body("items.id", contains(tf));
        // q= over titles and items, in both languages, case-insensitive
        given().queryParam("party", party).queryParam("q", "후쿠시마").get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("party", party).queryParam("q", "FUKUSHIMA").get(Api.AGREEMENTS).then().body("items.id", contains(agreement));
        given().queryParam("party", party).queryParam("q", "초광역").get(Api.AGREEMENTS).then().body("items.id", contains(tf));
        given().queryParam("party", party).queryParam("q", "agriculture").get(Api.AGREEMENTS).then().body("items.id", contains(tf));
        given().queryParam("party", party).queryParam("q", "100%_").get(Api.AGREEMENTS).then().statusCode(200).body("items", hasSize(0));
        given().queryParam("party", party).queryParam("lang", "en").get(Api.AGREEMENTS).then()
                .body("items[0].title.ko", nullValue()).body("items[0].title.en", notNullValue());

        // the task force was registered last; once the agreement changes, it alone has changed since then
        OffsetDateTime after = OffsetDateTime.parse(given().get(Api.AGREEMENTS + "/" + tf).path("updatedAt")).plusNanos(1000);
        Api.patch("1").body("{\"signingEventId\": \"" + w.signingEvent + "\"}").patch(Api.AGREEMENTS + "/" + agreement)
                .then().statusCode(200);
        given().queryParam("party", party).queryParam("updatedSince", after.toString()).get(Api.AGREEMENTS).then()
                .body("items.id", contains(agreement));

        given().queryParam("party", "no-such-organization").get(Api.AGREEMENTS).then().statusCode(400)
                .body("violations[0].field", equalTo("party"));
        given().filter(Contract.responsesOnly()).queryParam("kind", "treaty").get(Api.AGREEMENTS).then().statusCode(400)
                .body("violations[0].field", equalTo("kind"));
    }

    /** include= embeds the names a page of agreements shows, read once for the page from what officials published. */
    @Test
    void aPageEmbedsItsPartiesAndSignatoriesOnRequest() {
        World own = new World(dataSource);
        String signed = Api.create(Api.gyeonggiGwangju(own, null));
        Api.create(Api.agreement(null, "경기도·전북 상생협약", "Gyeonggi–Jeonbuk", "mutual_development", "signed", "2023-06",
                Api.party(own.gyeonggi), Api.party(own.jeonbuk)));
        given().queryParam("party", own.gyeonggiSlug).queryParam("include", "parties").get(Api.AGREEMENTS).then().statusCode(200)
                .body("included.organizations.id", containsInAnyOrder(own.gyeonggi, own.gwangju, own.jeonbuk))
                .body("included.organizations.find { it.id == '" + own.gwangju + "' }.name.en", equalTo("Gwangju Metropolitan City"))
                .body("included.organizations.find { it.id == '" + own.gwangju + "' }.slug", equalTo(own.gwangjuSlug))
                .body("included", not(hasKey("people")));
        given().queryParam("id", signed).queryParam("include", "signatories, parties").queryParam("lang", "ko").get(Api.AGREEMENTS)
                .then().statusCode(200)
                .body("included.people.id", containsInAnyOrder(own.kimDongYeon, own.kangKiJung))
                .body("included.posts.id", containsInAnyOrder(own.governor, own.mayor))
                .body("included.posts.find { it.id == '" + own.governor + "' }.name", equalTo(java.util.Map.of("ko", "경기도지사")))
                .body("included.organizations", hasSize(2));
        given().queryParam("party", own.gyeonggiSlug).get(Api.AGREEMENTS).then().body("$", not(hasKey("included")));
        given().filter(org.civicregistry.testsupport.Contract.responsesOnly()).queryParam("include", "items").get(Api.AGREEMENTS)
                .then().statusCode(400).body("violations[0].field", equalTo("include"));
    }

    @Test
    void itemsAreSubResourcesWithTheirOwnEtags() {
        String id = Api.create(Api.gyeonggiGwangju(w, null));
        String items = Api.AGREEMENTS + "/" + id + "/items";
        given().get(items).then().statusCode(200).body("items.number", contains(1, 2, 3, 4, 5, 6, 7, 8)).body("nextCursor", nullValue());
        given().queryParam("sector", "culture").get(items).then().body("items.number", contains(6));
        given().get(items + "/6").then().statusCode(200).header("ETag", "\"1\"").body("title.en", equalTo("K-Beauty Festival"));
        given().header("If-None-Match", "\"1\"").get(items + "/6").then().statusCode(304);
        given().queryParam("lang", "ko").get(items + "/6").then().header("ETag", "\"1-ko\"").body("milestones[0].title.en", nullValue());

        // a status change: the item's version and the agreement's both move on
        Api.patch("1").body("{\"status\": \"in_progress\"}").patch(items + "/6").then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("in_progress")).body("version", equalTo(2))
                .body("milestones[0].due", equalTo("2024"));
        given().get(Api.AGREEMENTS + "/" + id).then().header("ETag", "\"2\"").body("items[5].version", equalTo(2))
                .body("items[4].version", equalTo(1));
        given().queryParam("status", "in_progress").get(items).then().body("items.number", contains(6));
        // the item's ETag, not the agreement's, guards it
        Api.patch("1").body("{\"status\": \"done\"}").patch(items + "/6").then().statusCode(412);
        Api.admin().filter(Contract.responsesOnly()).contentType("application/merge-patch+json").body("{\"status\": \"done\"}")
                .patch(items + "/6").then().statusCode(428);
        Api.patch("1").body("{\"status\": \"done\"}").patch(items + "/7").then().statusCode(200).header("ETag", "\"2\"");

        // PUT replaces the item; the same content again is no new version
        ObjectNode tourism = Api.item(5, "관광산업 활성화 협력", "Joint tourism products", "tourism");
        tourism.putArray("milestones").addObject().put("met", "2024-01").putObject("title").put("en", "First joint tour package");
        Api.admin().header("If-Match", "\"1\"").body(tourism.toString()).put(items + "/5").then().statusCode(200)
                .header("ETag", "\"2\"").body("title.en", equalTo("Joint tourism products")).body("status", equalTo("planned"));
        Api.admin().header("If-Match", "\"2\"").body(tourism.toString()).put(items + "/5").then().statusCode(200).header("ETag", "\"2\"");
        Api.admin().header("If-Match", "\"2\"").body(tourism.toString()).put(items + "/4").then().statusCode(400)
                .body("violations[0].field", equalTo("number"));
        given().get(Api.AGREEMENTS + "/" + id).then().header("ETag", "\"4\"");

        // POST adds: the next number by default, or the one given; an existing number is a conflict
        ObjectNode extra = Api.item(9, "공동 홍보", "Joint promotion", "tourism");
        extra.remove("number");
        Response added = Api.admin().body(extra.toString()).post(items);
        added.then().statusCode(201).header("ETag", "\"1\"").body("number", equalTo(9));
        assertThat(added.header("Location")).endsWith("/api/v1/agreements/" + id + "/items/9");
        Api.admin().body(Api.item(3, "중복", "Duplicate", "other").toString()).post(items).then().statusCode(409)
                .body("type", equalTo("https://civic-registry.org/problems/conflict")).body("violations[0].field", equalTo("number"));
        given().get(items + "/10").then().statusCode(404).contentType("application/problem+json");
        given().filter(Contract.responsesOnly()).get(items + "/ten").then().statusCode(400).body("violations[0].field", equalTo("number"));
        given().get(Api.AGREEMENTS + "/" + id).then().body("items", hasSize(9)).body("version", equalTo(5));
        given().queryParam("party", w.gwangju).queryParam("q", "joint promotion").get(Api.AGREEMENTS).then().body("items.id", contains(id));

        // a PUT of the whole agreement replaces its items: a changed status is still an item status change
        ObjectNode again = Api.gyeonggiGwangju(w, null);
        ((ObjectNode) again.get("items").get(0)).put("status", "done");
        Api.admin().header("If-Match", "\"5\"").body(again.toString()).put(Api.AGREEMENTS + "/" + id).then().statusCode(200)
                .body("items.number", contains(1, 2, 3, 4, 5, 6, 7, 8)).body("items[0].version", equalTo(2))
                .body("items[1].version", equalTo(1)).body("items[5].version", equalTo(3)).body("items[5].status", equalTo("planned"));
        given().get(Api.AGREEMENTS + "/" + id + "/history").then().body("items.type", contains("civic.agreement.created",
                "civic.agreement.item.status_changed", "civic.agreement.item.status_changed", "civic.agreement.updated",
                "civic.agreement.updated", "civic.agreement.item.status_changed"));
    }
}
