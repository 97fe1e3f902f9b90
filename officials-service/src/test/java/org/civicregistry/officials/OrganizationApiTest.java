package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.civicregistry.commons.paging.Count;
import org.civicregistry.testsupport.Paging;
import org.civicregistry.testsupport.Contract;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;

@OfficialsTest
class OrganizationApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createReadUpdateArchiveWithVersionsAndHistory() {
        String slug = Api.unique("gyeonggi");
        Response created = Api.admin().body("""
                {"slug": "%s", "name": {"ko": "경기도", "en": "Gyeonggi Province"}, "classification": "province",
                 "divisionId": "ocd-division/country:kr/province:41",
                 "identifiers": [{"scheme": "kr-admin-code", "identifier": "41"}],
                 "sources": [{"url": "https://www.gg.go.kr/", "publisher": "Gyeonggi Province", "publishedOn": "2023-10", "language": "ko"}]}"""
                .formatted(slug)).post("/api/v1/organizations");
        created.then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1)).body("status", equalTo("active"));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/organizations/" + id);

        given().get("/api/v1/organizations/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("sources[0].publishedOn", equalTo("2023-10"));
        given().header("If-None-Match", "\"1\"").get("/api/v1/organizations/" + id).then().statusCode(304);

        // PUT replaces: divisionId left out is cleared
        Api.admin().header("If-Match", "\"1\"")
                .body("{\"slug\": \"%s\", \"name\": {\"ko\": \"경기도\", \"en\": \"Gyeonggi-do\"}, \"classification\": \"province\"}".formatted(slug))
                .put("/api/v1/organizations/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("name.en", equalTo("Gyeonggi-do")).body("divisionId", nullValue());

        // PATCH merges: only the English name changes
        Api.admin().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"name\": {\"en\": \"Gyeonggi Province\"}}")
                .patch("/api/v1/organizations/" + id)
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("name.ko", equalTo("경기도")).body("name.en", equalTo("Gyeonggi Province"));

        Api.admin().header("If-Match", "\"3\"").delete("/api/v1/organizations/" + id)
                .then().statusCode(200).body("status", equalTo("archived")).body("version", equalTo(4));
        // archived: still readable, no longer listed by default, listed with status=archived, frozen
        given().get("/api/v1/organizations/" + id).then().statusCode(200).body("status", equalTo("archived"));
        given().queryParam("slug", slug).get("/api/v1/organizations").then().body("items", hasSize(0));
        given().queryParam("slug", slug).queryParam("status", "archived").get("/api/v1/organizations").then().body("items", hasSize(1));
        Api.admin().header("If-Match", "\"4\"").contentType("application/merge-patch+json").body("{\"divisionId\": \"x\"}")
                .patch("/api/v1/organizations/" + id).then().statusCode(409);

        given().get("/api/v1/organizations/" + id + "/history").then().statusCode(200)
                .body("items.version", contains(1, 2, 3, 4))
                .body("items.type", contains("civic.organization.created", "civic.organization.updated",
                        "civic.organization.updated", "civic.organization.archived"))
                .body("items[1].snapshot.name.en", equalTo("Gyeonggi-do"))
                .body("items[0].changedBy", equalTo("admin"))
                .body("items[0].changedByUser", nullValue());
        // The person only to admins.
        Api.admin().get("/api/v1/organizations/" + id + "/history").then().statusCode(200)
                .body("items[0].changedByUser", equalTo("admin@civic-registry.test"));
    }

    /** The public history names the role and jurisdiction of an editor's change, never the editor. */
    @Test
    void historyShowsAnEditorsChangeAsRoleAndJurisdiction() {
        String slug = Api.unique("gwangju");
        String id = Api.organization(slug, "광주광역시", "Gwangju", "metropolitan_city", null);
        given().auth().oauth2(Tokens.editor(slug)).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"name\": {\"en\": \"Gwangju Metropolitan City\"}}").patch("/api/v1/organizations/" + id)
                .then().statusCode(200);
        String body = given().get("/api/v1/organizations/" + id + "/history").then().statusCode(200)
                .body("items[1].changedBy", equalTo("editor, " + slug))
                .body("items[1].changedByUser", nullValue()).extract().asString();
        assertThat(body).doesNotContain("@civic-registry.test");
        Api.admin().get("/api/v1/organizations/" + id + "/history").then()
                .body("items[1].changedByUser", equalTo("editor-" + slug + "@civic-registry.test"));
    }

    @Test
    void singleLanguageViewsKeepTheFullMapInTheDefaultView() {
        String id = Api.organization(Api.unique("jeonnam"), "전라남도", "Jeollanam-do", "province", null);
        given().get("/api/v1/organizations/" + id).then().body("name.ko", equalTo("전라남도")).body("name.en", equalTo("Jeollanam-do"));
        given().queryParam("lang", "en").get("/api/v1/organizations/" + id).then()
                .header("Content-Language", "en").header("ETag", "\"1-en\"")
                .body("name.en", equalTo("Jeollanam-do")).body("name.ko", nullValue());
        given().header("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8").get("/api/v1/organizations/" + id).then()
                .body("name.ko", equalTo("전라남도")).body("name.en", nullValue());
        // a language the record lacks falls back to one it has, never to nothing
        String onlyKorean = Api.admin().body("{\"name\": {\"ko\": \"오월어머니회\"}, \"classification\": \"civic_group\"}")
                .post("/api/v1/organizations").then().statusCode(201).extract().path("id");
        given().queryParam("lang", "en").get("/api/v1/organizations/" + onlyKorean).then().body("name.ko", equalTo("오월어머니회"));
        given().queryParam("lang", "12345").get("/api/v1/organizations/" + id).then().statusCode(400);
    }

    @Test
    void filtersByClassificationParentAndNameInBothLanguages() {
        String province = Api.organization(Api.unique("chungnam"), "충청남도", "Chungcheongnam-do", "province", null);
        String committee = Api.organization(Api.unique("chungnam-committee"), "충남균형발전위원회", "Chungnam Balance Committee",
                "committee", province);

        given().queryParam("parent", province).get("/api/v1/organizations").then().statusCode(200)
                .body("items.id", contains(committee));
        given().queryParam("q", "균형발전").queryParam("classification", "committee").get("/api/v1/organizations").then()
                .body("items.id", hasItem(committee)).body("items.id", not(hasItem(province)));
        given().queryParam("q", "충청").get("/api/v1/organizations").then().body("items.id", hasItem(province))
                .body("items.id", not(hasItem(committee)));
        given().queryParam("q", "CHUNGCHEONG").get("/api/v1/organizations").then().body("items.id", hasItem(province));
        given().queryParam("q", "100%_").get("/api/v1/organizations").then().statusCode(200).body("items", hasSize(0));
        given().filter(Contract.responsesOnly()).queryParam("classification", "galaxy").get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("classification"));
        given().queryParam("parent", "no-such-organization").get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("parent"));

        String provinceUpdated = given().get("/api/v1/organizations/" + province).path("updatedAt");
        OffsetDateTime before = OffsetDateTime.parse(provinceUpdated).plusNanos(1000);
        String later = Api.organization(Api.unique("jeonbuk"), "전북특별자치도", "Jeonbuk State", "special_self_governing_province", null);
        List<String> changed = given().queryParam("updatedSince", before.toString()).queryParam("limit", 200)
                .get("/api/v1/organizations").then().statusCode(200).extract().path("items.id");
        assertThat(changed).contains(later).doesNotContain(province);
    }

    @Test
    void cursorPagingWalksEveryRecordOnceWithLinkHeaders() {
        String parent = Api.organization(Api.unique("paging"), "페이지", "Paging", "country", null);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(Api.organization(Api.unique("district"), "구" + i, "District " + i, "district", parent));
        }
        Paging.Walk walk = Paging.follow("/api/v1/organizations?parent=" + parent + "&limit=3");
        assertThat(walk.pages()).isEqualTo(3);
        assertThat(walk.ids()).containsExactlyElementsOf(expected);
    }

    @Test
    void editorOfAProvinceMayWriteItsChildrenOnly() {
        String slug = Api.unique("gyeonggi");
        String province = Api.organization(slug, "경기도", "Gyeonggi Province", "province", null);
        String city = given().auth().oauth2(org.civicregistry.testsupport.Tokens.editor(slug)).contentType("application/json")
                .body("{\"name\": {\"ko\": \"수원시\", \"en\": \"Suwon\"}, \"classification\": \"city\", \"parentId\": \"" + province + "\"}")
                .post("/api/v1/organizations").then().statusCode(201).extract().path("id");
        assertThat(city).isNotNull();
        given().auth().oauth2(org.civicregistry.testsupport.Tokens.editor(slug)).contentType("application/json")
                .body("{\"name\": {\"ko\": \"독립\", \"en\": \"Standalone\"}, \"classification\": \"city\"}")
                .post("/api/v1/organizations").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(slug));
    }

    @Test
    void anOrganizationCannotBecomeItsOwnAncestor() {
        String top = Api.organization(Api.unique("top"), "위", "Top", "country", null);
        String middle = Api.organization(Api.unique("middle"), "중간", "Middle", "province", top);
        Api.admin().header("If-Match", "\"1\"")
                .body("{\"name\": {\"ko\": \"위\"}, \"classification\": \"country\", \"parentId\": \"" + middle + "\"}")
                .put("/api/v1/organizations/" + top).then().statusCode(422).body("violations[0].field", equalTo("parentId"));
        given().get("/api/v1/organizations/" + top).then().body("version", equalTo(1)).body("parentId", nullValue())
                .body("id", notNullValue());
    }

    /**
     * An identifier finds its record on the collection, and names one active record: a second claim is
     * a 409 naming the holder, also when two writers claim it at the same moment; archiving frees it.
     */
    @Test
    void anIdentifierFindsItsOneRecord() throws Exception {
        String division = "ocd-division/country:kr/" + Api.unique("province") + ":41";
        String body = """
                {"name": {"ko": "경기도"}, "classification": "province",
                 "identifiers": [{"scheme": "kr-admin-code", "identifier": "%s"}, {"scheme": "ocd-division", "identifier": "%s"}]}""";
        String first = Api.admin().body(body.formatted(Api.unique("41"), division)).post("/api/v1/organizations").then()
                .statusCode(201).extract().path("id");

        given().queryParam("identifier", "ocd-division:" + division).get("/api/v1/organizations").then().statusCode(200)
                .body("items.id", contains(first));
        given().queryParam("identifier", "kr-admin-code:" + division).get("/api/v1/organizations").then().body("items", hasSize(0));
        given().queryParam("identifier", "no-colon").get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("identifier"));

        // a second record may not claim it, on create or on update, and names the holder in the problem
        Api.admin().body(body.formatted(Api.unique("41"), division)).post("/api/v1/organizations").then().statusCode(409)
                .contentType("application/problem+json").body("violations[0].field", equalTo("identifiers[1]"))
                .body("detail", containsString(first));
        String other = Api.organization(Api.unique("other"), "다른 도", null, "province", null);
        Api.admin().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"identifiers\": [{\"scheme\": \"ocd-division\", \"identifier\": \"" + division + "\"}]}")
                .patch("/api/v1/organizations/" + other).then().statusCode(409);
        // nor list it twice, nor use a colon in a scheme (it could not be asked for)
        Api.admin().body("""
                {"name": {"ko": "중복"}, "classification": "province",
                 "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}, {"scheme": "wikidata", "identifier": "Q1"}]}""")
                .post("/api/v1/organizations").then().statusCode(400).body("violations[0].field", equalTo("identifiers[1]"));
        Api.admin().body("{\"name\": {\"ko\": \"콜론\"}, \"classification\": \"province\", "
                + "\"identifiers\": [{\"scheme\": \"a:b\", \"identifier\": \"1\"}]}")
                .post("/api/v1/organizations").then().statusCode(400).body("violations[0].field", equalTo("identifiers[0].scheme"));

        // two writers claiming a free identifier at once: exactly one gets it
        String contested = "ocd-division/country:kr/" + Api.unique("contested");
        String claim = body.formatted(Api.unique("x"), contested);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String mine = claim.replaceFirst("\"kr-admin-code\", \"identifier\": \"[^\"]+\"",
                        "\"kr-admin-code\", \"identifier\": \"" + Api.unique("c") + "\"");
                answers.add(pool.submit(() -> Api.admin().body(mine).post("/api/v1/organizations").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("identifier", "ocd-division:" + contested).get("/api/v1/organizations").then().body("items", hasSize(1));

        // archived, the record lets it go; restored while another holds it, it is refused
        Api.admin().header("If-Match", "\"1\"").delete("/api/v1/organizations/" + first).then().statusCode(200);
        String second = Api.admin().body(body.formatted(Api.unique("41"), division)).post("/api/v1/organizations").then()
                .statusCode(201).extract().path("id");
        given().queryParam("identifier", "ocd-division:" + division).get("/api/v1/organizations").then().body("items.id", contains(second));
        Api.admin().header("If-Match", "\"2\"").post("/api/v1/organizations/" + first + "/restore").then().statusCode(409);
    }

    /** Several records by id in one request: in creation order, the other filters still applying, at most 50 ids. */
    @Test
    void severalRecordsInOneRequestById() {
        String a = Api.organization(Api.unique("a"), "가", "A", "province", null);
        String b = Api.organization(Api.unique("b"), "나", "B", "city", null);
        String c = Api.organization(Api.unique("c"), "다", "C", "city", null);
        given().queryParam("id", c, a).queryParam("id", "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b").get("/api/v1/organizations").then()
                .statusCode(200).body("items.id", contains(a, c));
        given().queryParam("id", a, b, c).queryParam("classification", "city").get("/api/v1/organizations").then()
                .body("items.id", contains(b, c));
        given().queryParam("id", "not-a-uuid").get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(java.util.UUID.randomUUID().toString());
        }
        given().queryParam("id", tooMany).get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void aTotalOnRequestCountsEveryPageAndNotOnlyWhatFollowsTheCursor() {
        String parent = Api.organization(Api.unique("totals"), "합계", "Totals", "country", null);
        for (int i = 0; i < 5; i++) {
            Api.organization(Api.unique("county"), "군" + i, "County " + i, i < 3 ? "district" : "city", parent);
        }
        Response first = given().queryParam("parent", parent).queryParam("limit", 2)
                .queryParam("count", "exact").get("/api/v1/organizations");
        first.then().statusCode(200).body("total.value", equalTo(5)).body("total.relation", equalTo("eq"));
        given().queryParam("parent", parent).queryParam("limit", 2).queryParam("count", "exact")
                .queryParam("cursor", first.path("nextCursor").toString()).get("/api/v1/organizations").then()
                .body("items", hasSize(2)).body("total.value", equalTo(5));
        given().queryParam("parent", parent).queryParam("classification", "city").queryParam("count", "estimated")
                .get("/api/v1/organizations").then().body("total.value", equalTo(2)).body("total.relation", equalTo("eq"));
        given().queryParam("parent", parent).get("/api/v1/organizations").then().body("$", not(hasKey("total")));
        given().queryParam("parent", parent).queryParam("count", "none").get("/api/v1/organizations").then()
                .body("$", not(hasKey("total")));
        given().filter(Contract.responsesOnly()).queryParam("count", "all").get("/api/v1/organizations").then().statusCode(400)
                .body("violations[0].field", equalTo("count"));
    }

    /** Past its bound an estimated total says "at least", and an exact one still counts every match. */
    @Test
    void anEstimatedTotalStopsAtItsBound() throws Exception {
        String parent = Api.organization(Api.unique("many"), "많음", "Many", "country", null);
        String child = Api.organization(Api.unique("ward"), "동", "Ward", "district", parent);
        // Copies of one child, each with its own id and slug: the API would take minutes for ten thousand.
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement copy = connection.prepareStatement("insert into organization select (jsonb_populate_record(o,"
                        + " jsonb_build_object('id', gen_random_uuid(), 'slug', o.slug || '-' || g))).* from organization o,"
                        + " generate_series(1, ?) g where o.id = ?::uuid")) {
            copy.setInt(1, Count.BOUND);
            copy.setString(2, child);
            assertThat(copy.executeUpdate()).isEqualTo(Count.BOUND);
        }
        try {
            given().queryParam("parent", parent).queryParam("count", "estimated").get("/api/v1/organizations").then()
                    .statusCode(200).body("total.value", equalTo(Count.BOUND)).body("total.relation", equalTo("gte"));
            given().queryParam("parent", parent).queryParam("count", "exact").get("/api/v1/organizations").then()
                    .statusCode(200).body("total.value", equalTo(Count.BOUND + 1)).body("total.relation", equalTo("eq"));
        } finally {
            try (java.sql.Connection connection = dataSource.getConnection();
                    java.sql.PreparedStatement remove = connection.prepareStatement(
                            "delete from organization where parent_id = ?::uuid and id <> ?::uuid")) {
                remove.setString(1, parent);
                remove.setString(2, child);
                remove.executeUpdate();
            }
        }
    }

    /** The filter's function is inlined into identifiers @> ..., so the GIN index answers it, not a scan of every row. */
    @Test
    void theIdentifierFilterUsesItsIndex() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rows = statement.executeQuery("explain select id from organization where "
                    + "civic_has_identifier(identifiers, '[{\"scheme\": \"ocd-division\", \"identifier\": \"x\"}]')")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            assertThat(plan.toString()).contains("organization_identifiers").doesNotContain("Seq Scan");
        }
    }
}
