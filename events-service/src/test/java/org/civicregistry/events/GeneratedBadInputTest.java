package org.civicregistry.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Tokens;
import org.civicregistry.testsupport.fuzz.ApiFuzzer;
import org.civicregistry.testsupport.fuzz.FuzzRuns;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * At least 10,000 requests generated from this service's own OpenAPI document (events and the
 * calendar feeds), seeded and reproducible ({@code -Dcivic.fuzz.seed=}): never a 5xx, every 4xx a
 * complete problem+json, and no rejected write leaves a row behind.
 */
@EventsTest
class GeneratedBadInputTest {

    static final Set<String> READ_MODEL = Set.of("known_organization", "known_person", "known_post", "known_membership",
            "known_agreement");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void badInputGeneratedFromTheDocument() throws Exception {
        // references the generated bodies may name
        List<String> references = knownOrganizationAndPerson();
        String gwangju = references.get(0);
        // one real event to aim paths at, written with a plain client
        String created = FuzzRuns.create(base.toURI(), "/api/v1/events", Tokens.admin(), Api.event(gwangju).json.toString());
        String event = Api.JSON.readTree(created).path("id").asText();
        ApiFuzzer.Result result = FuzzRuns.assertCleanAdminRun(new ApiFuzzer.Settings("events-service", base.toURI(), Tokens.admin())
                .references(references)
                .ids("/api/v1/events", List.of(event)), dataSource, READ_MODEL);
        assertThat(result.writesRejected()).isGreaterThan(1000);
    }

    /**
     * The same generated requests from an editor whose jurisdiction is not the event's organizer (nor
     * any organization the requests name): every write is refused and no row changes.
     */
    @Test
    void anEditorOfAnotherJurisdictionIsRefusedEveryWriteAndChangesNothing() throws Exception {
        List<String> references = knownOrganizationAndPerson();
        String gwangju = references.get(0);
        String person = references.get(1);
        String event = Api.admin().body(Api.event(gwangju).json.toString()).post("/api/v1/events").then().statusCode(201)
                .extract().path("id");
        FuzzRuns.assertEditorChangesNothing(new ApiFuzzer.Settings("events-service", base.toURI(),
                Tokens.editor("elsewhere-" + person.substring(0, 8)))
                .references(references)
                .ids("/api/v1/events", List.of(event)), dataSource, READ_MODEL);
    }

    /** An organization and a person, published to the upstream topics and awaited in the read model directly. */
    private List<String> knownOrganizationAndPerson() {
        String gwangju = Upstream.newId();
        String person = Upstream.newId();
        Upstream.organizationVersion(gwangju, 1, "created", "fuzz-" + gwangju.substring(0, 8), "광주광역시", "Gwangju", "metropolitan_city", null);
        Upstream.personVersion(person, 1, "created", "fuzz-" + person.substring(0, 8), "강기정", "Kang Ki-jung");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> known(gwangju) && known(person));
        return List.of(gwangju, person);
    }

    private boolean known(String id) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "select (select count(*) from known_organization where id = ?::uuid) + (select count(*) from known_person where id = ?::uuid)")) {
            s.setString(1, id);
            s.setString(2, id);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
