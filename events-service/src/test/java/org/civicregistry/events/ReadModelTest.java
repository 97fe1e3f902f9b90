package org.civicregistry.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Problems;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * The read models fed from civic.officials.v1 and civic.agreements.v1: applied in version order
 * whatever order events arrive in, repeats change nothing, and a reference is accepted once its
 * record has arrived.
 */
@EventsTest
class ReadModelTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void snapshotsApplyInVersionOrderWhateverOrderTheyArriveIn() throws Exception {
        String id = Upstream.newId();
        String slug = Api.unique("kim-dong-yeon");
        // the newest first, then again (a redelivery), then a late older one: the older one must not win
        Upstream.personVersion(id, 2, "updated", slug, "김동연", "Kim Dong-yeon");
        Upstream.personVersion(id, 2, "updated", slug, "김동연", "Kim Dong-yeon");
        Upstream.personVersion(id, 1, "created", slug + "-old", "김동연 (옛 이름)", "Kim (stale)");
        Upstream.syncOfficials();
        assertThat(person(id)).isEqualTo("2|" + slug + "|Kim Dong-yeon");
        given().queryParam("participant", slug + "-old").get("/api/v1/events").then().statusCode(400);

        // what a user sees: the feed names the participant as of the newest version
        String org = Upstream.organization(Api.unique("gyeonggi-rm"), "경기도 (읽기 모델)", "Gyeonggi (read model)", "province", null);
        Api.event(org).starts("2023-10-13T10:00:00+09:00").participant(id, "host").create();
        String feed = given().queryParam("participant", slug).queryParam("lang", "en").queryParam("from", "2023-10-01")
                .queryParam("to", "2023-10-31").get("/api/v1/events/calendar.ics").then().statusCode(200).extract().asString();
        String description = CalendarFeedTest.value(CalendarFeedTest.parse(feed).getComponents("VEVENT").get(0).getProperty("DESCRIPTION"));
        assertThat(description).contains("Kim Dong-yeon (host)").doesNotContain("stale");

        // a newer version applies, and its slug is the one filters know
        Upstream.personVersion(id, 3, "updated", slug + "-governor", "김동연", "Kim Dong-yeon, Governor");
        Upstream.syncOfficials();
        assertThat(person(id)).isEqualTo("3|" + slug + "-governor|Kim Dong-yeon, Governor");
        given().queryParam("participant", slug + "-governor").get("/api/v1/events").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void referencesAreAcceptedOnceTheirRecordsArrive() throws Exception {
        String org = Upstream.organization(Api.unique("gwangju-rm"), "광주광역시 (읽기 모델)", "Gwangju (read model)", "metropolitan_city", null);
        String person = Upstream.newId();
        String post = Upstream.newId();
        String withPerson = Api.event(org).participant(person, "signatory").toString();
        Problems.assertProblem(Api.admin().body(withPerson).post("/api/v1/events").then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("participants[0].personId"));
        Upstream.personVersion(person, 1, "created", Api.unique("kang-ki-jung"), "강기정", "Kang Ki-jung");
        Upstream.awaitKnown("participant", person);
        Api.admin().body(withPerson).post("/api/v1/events").then().statusCode(201);

        String withPost = Api.event(org).participant(person, "signatory", post).toString();
        Problems.assertProblem(Api.admin().body(withPost).post("/api/v1/events").then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("participants[0].postId"));
        Upstream.writer().send(Upstream.OFFICIALS, Upstream.OFFICIALS_SOURCE, "civic.post.created", post, """
                {"id": "%s", "slug": "%s", "label": {"ko": "광주광역시장", "en": "Mayor of Gwangju"}, "role": "mayor",
                 "organizationId": "%s", "identifiers": [], "sources": [], "status": "active", "version": 1}"""
                .formatted(post, Api.unique("mayor"), org));
        Upstream.syncOfficials();
        Api.admin().body(withPost).post("/api/v1/events").then().statusCode(201);

        // agreements come from civic.agreements.v1; a late draft does not undo the signature
        String agreement = Upstream.newId();
        String agreementSlug = Api.unique("gyeonggi-gwangju");
        String related = Api.event(org).type("signing_ceremony").agreement(agreement).toString();
        Problems.assertProblem(Api.admin().body(related).post("/api/v1/events").then(), 422, "unknown-reference")
                .body("violations[0].field", equalTo("agreementId"));
        Upstream.agreementVersion(agreement, 2, "signed", agreementSlug, "상생발전 합의문", "Mutual development agreement", "signed",
                "2023-10-12", org);
        Upstream.agreementVersion(agreement, 1, "created", agreementSlug + "-draft", "합의문 (초안)", "Draft", "draft", null, org);
        String marker = Upstream.agreement(Api.unique("marker"), "표지", "Marker", "2023-01-01");
        assertThat(marker).isNotNull();
        assertThat(agreement(agreement)).isEqualTo("2|" + agreementSlug + "|signed|2023-10-12");
        String id = Api.admin().body(related).post("/api/v1/events").then().statusCode(201).extract().path("id");
        given().queryParam("agreement", agreementSlug).get("/api/v1/events").then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void eventsItDoesNotKeepOrCannotReadDoNotStopTheStream() throws Exception {
        String membership = Upstream.newId();
        String noVersion = Upstream.newId();
        String notJson = Upstream.newId();
        Upstream.writer().send(Upstream.OFFICIALS, Upstream.OFFICIALS_SOURCE, "civic.membership.created", membership,
                "{\"id\": \"" + membership + "\", \"personId\": \"" + UUID.randomUUID() + "\", \"version\": 1}");
        Upstream.writer().send(Upstream.OFFICIALS, Upstream.OFFICIALS_SOURCE, "civic.person.created", noVersion,
                "{\"id\": \"" + noVersion + "\", \"name\": {\"ko\": \"버전 없음\"}}");
        Upstream.writer().send(Upstream.OFFICIALS, Upstream.OFFICIALS_SOURCE, "civic.person.created", notJson, "not json");
        Upstream.syncOfficials();
        assertThat(person(noVersion)).isNull();
        assertThat(person(notJson)).isNull();
    }

    private String person(String id) throws SQLException {
        return row("select version || '|' || coalesce(slug, '') || '|' || (name ->> 'en') from known_person where id = ?", id);
    }

    private String agreement(String id) throws SQLException {
        return row("select version || '|' || slug || '|' || status || '|' || signed_on from known_agreement where id = ?", id);
    }

    private String row(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
