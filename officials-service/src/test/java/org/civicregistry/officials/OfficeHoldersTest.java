package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Who held which post when", on the people of docs/sources.md: Lee Yong-sup was Mayor of Gwangju at
 * the Bitgreen groundbreaking on 2019-12-26; Kang Ki-jung was mayor when Gyeonggi's governor Kim
 * Dong-yeon signed the mutual development agreement in 2023; Kim Doo-kwan and Song Gi-do co-chaired
 * the balanced-development committee launched in January 2022. Terms of Korean local heads run from
 * 1 July after the local elections (2018, 2022).
 */
@OfficialsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficeHoldersTest {

    String gwangju;
    String gyeonggi;
    String committee;
    String mayorPost;
    String governorPost;
    String lee;
    String kang;
    String kim;
    String kimDooKwan;
    String songGiDo;
    String leeTerm;
    String democraticParty;

    /** Seeded once, on the first test: Quarkus points rest-assured at the service only per test. */
    @BeforeEach
    void seed() {
        if (gwangju != null) {
            return;
        }
        gwangju = Api.organization(Api.unique("gwangju"), "광주광역시", "Gwangju Metropolitan City", "metropolitan_city", null);
        gyeonggi = Api.organization(Api.unique("gyeonggi"), "경기도", "Gyeonggi Province", "province", null);
        committee = Api.organization(Api.unique("balanced-development-committee"), "균형발전위원회",
                "Balanced Development Committee", "committee", null);
        mayorPost = Api.post(Api.unique("gwangju-mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", gwangju);
        governorPost = Api.post(Api.unique("gyeonggi-governor"), "경기도지사", "Governor of Gyeonggi", "governor", gyeonggi);
        lee = Api.person(Api.unique("lee-yong-sup"), "이용섭", "Lee Yong-sup");
        kang = Api.person(Api.unique("kang-ki-jung"), "강기정", "Kang Ki-jung");
        kim = Api.person(Api.unique("kim-dong-yeon"), "김동연", "Kim Dong-yeon");
        kimDooKwan = Api.person(Api.unique("kim-doo-kwan"), "김두관", "Kim Doo-kwan");
        songGiDo = Api.person(Api.unique("song-gi-do"), "송기도", "Song Gi-do");
        leeTerm = Api.membership(lee, mayorPost, "2018-07-01", "2022-06-30");
        Api.membership(kang, mayorPost, "2022-07-01", null);
        Api.membership(kim, governorPost, "2022-07-01", null);
        democraticParty = Api.organization(Api.unique("democratic-party"), "더불어민주당", "Democratic Party of Korea", "party", null);
        for (String coChair : new String[] { kimDooKwan, songGiDo }) {
            Api.admin().body("""
                    {"personId": "%s", "organizationId": "%s", "role": "co-chair", "onBehalfOfId": "%s",
                     "label": {"ko": "공동위원장", "en": "Co-chair"}, "start": "2022-01"}""".formatted(coChair, committee, democraticParty))
                    .post("/api/v1/memberships").then().statusCode(201);
        }
    }

    @Test
    void theMayorOfGwangjuOnAGivenDay() {
        given().queryParam("post", mayorPost).queryParam("at", "2019-12-26").get("/api/v1/people")
                .then().statusCode(200).body("items.name.en", contains("Lee Yong-sup"));
        given().queryParam("post", mayorPost).queryParam("at", "2023-10-12").get("/api/v1/people")
                .then().body("items.name.en", contains("Kang Ki-jung"));
        given().queryParam("post", mayorPost).queryParam("at", "2022-06-30").get("/api/v1/memberships")
                .then().body("items.personId", contains(lee));
        given().queryParam("post", mayorPost).queryParam("at", "2022-07-01").get("/api/v1/memberships")
                .then().body("items.personId", contains(kang));
        given().queryParam("post", mayorPost).queryParam("at", "2017-01-01").get("/api/v1/people")
                .then().body("items", hasSize(0));
        given().queryParam("post", mayorPost).get("/api/v1/people")
                .then().body("items.id", hasItems(lee, kang));
    }

    @Test
    void peopleByOrganizationRoleAndPost() {
        given().queryParam("organization", committee).queryParam("role", "co-chair").get("/api/v1/people")
                .then().body("items.name.en", containsInAnyOrder("Kim Doo-kwan", "Song Gi-do"));
        // partial start "2022-01": a co-chair on any day from January 2022
        given().queryParam("organization", committee).queryParam("at", "2022-01-18").get("/api/v1/people")
                .then().body("items", hasSize(2));
        given().queryParam("organization", committee).queryParam("at", "2021-12-31").get("/api/v1/people")
                .then().body("items", hasSize(0));
        given().queryParam("organization", gyeonggi).queryParam("at", "2023-10-12").get("/api/v1/people")
                .then().body("items.name.ko", contains("김동연"));
        given().queryParam("organization", gwangju).queryParam("role", "governor").get("/api/v1/people")
                .then().body("items", hasSize(0));
        given().queryParam("party", democraticParty).get("/api/v1/people")
                .then().body("items.name.en", containsInAnyOrder("Kim Doo-kwan", "Song Gi-do"));
        given().queryParam("party", democraticParty).queryParam("role", "co-chair").queryParam("lang", "ko").get("/api/v1/memberships")
                .then().body("items", hasSize(2)).body("items[0].label.ko", equalTo("공동위원장")).body("items[0].label.en", org.hamcrest.Matchers.nullValue());
        given().queryParam("at", "2019-02-30").get("/api/v1/people").then().statusCode(400)
                .body("violations[0].field", equalTo("at"));
    }

    @Test
    void currentAndPastPostsOfAPerson() {
        given().queryParam("current", "true").get("/api/v1/people/" + lee + "/memberships").then().body("items", hasSize(0));
        given().queryParam("current", "false").get("/api/v1/people/" + lee + "/memberships").then()
                .body("items.postId", contains(mayorPost)).body("items[0].current", equalTo(false))
                .body("items[0].end", equalTo("2022-06-30"));
        given().queryParam("current", "true").get("/api/v1/people/" + kang + "/memberships").then()
                .body("items.postId", contains(mayorPost)).body("items[0].current", equalTo(true));
        given().queryParam("person", kang).queryParam("current", "true").get("/api/v1/memberships").then()
                .body("items", hasSize(1));
    }

    /** Other tests of this app (the bad-input corpus) create people with the same names: every page is read. */
    @Test
    void searchFindsPartialNamesInKoreanAndEnglish() {
        org.assertj.core.api.Assertions.assertThat(search("/api/v1/people", "강기")).contains(kang).doesNotContain(lee);
        org.assertj.core.api.Assertions.assertThat(search("/api/v1/people", "용섭")).contains(lee).doesNotContain(kang);
        org.assertj.core.api.Assertions.assertThat(search("/api/v1/people", "ki-jung")).contains(kang).doesNotContain(kim);
        org.assertj.core.api.Assertions.assertThat(search("/api/v1/posts", "광주광역시장")).contains(mayorPost);
    }

    private static java.util.List<String> search(String collection, String q) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("q", q).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(collection).then().statusCode(200).extract();
            ids.addAll(page.<java.util.List<String>>path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void aPostHasOneHolderAtATimeUnlessActing() {
        String other = Api.person(Api.unique("someone"), "누군가", "Someone");
        Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\", \"start\": \"2022-06-15\"}".formatted(other, mayorPost))
                .post("/api/v1/memberships").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(leeTerm));
        Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\", \"start\": \"2022-06-15\", \"end\": \"2022-06-20\", \"acting\": true}"
                .formatted(other, mayorPost)).post("/api/v1/memberships").then().statusCode(201).body("organizationId", equalTo(gwangju));
        // the post's organization is implied, and a different one is refused
        Api.admin().body("{\"personId\": \"%s\", \"postId\": \"%s\", \"organizationId\": \"%s\", \"start\": \"2010-01-01\", \"end\": \"2010-12-31\"}"
                .formatted(other, mayorPost, gyeonggi)).post("/api/v1/memberships").then().statusCode(422)
                .body("violations[0].field", equalTo("organizationId"));
    }
}
