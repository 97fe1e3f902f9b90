package org.civicregistry.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Tokens;
import org.civicregistry.testsupport.fuzz.ApiFuzzer;
import org.civicregistry.testsupport.fuzz.RowCounts;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * At least 10,000 requests generated from this service's own OpenAPI document, seeded and
 * reproducible ({@code -Dcivic.fuzz.seed=}): never a 5xx, every 4xx a complete problem+json, and no
 * rejected write leaves a row behind. Body references point at a real world of officials half of the
 * time, so generated writes also reach the signatory and reference checks.
 */
@AgreementsTest
class GeneratedBadInputTest {

    static final Set<String> READ_MODEL = Set.of("known_organization", "known_person", "known_post", "known_membership");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void badInputGeneratedFromTheDocument() throws Exception {
        World w = new World(dataSource);
        // one real agreement and one programme to aim paths at, written with a plain client (the fuzzer's own checks apply,
        // not the contract filter)
        String agreement = created(Api.AGREEMENTS, Api.gyeonggiGwangju(w, Api.unique("fuzz-gyeonggi-gwangju")).toString());
        String programme = created(Programmes.PROGRAMMES, Programmes.gwangju2020(w, Api.unique("fuzz-gwangju-2020")).toString());
        RowCounts rows = new RowCounts(dataSource, READ_MODEL);
        ApiFuzzer.Result result = new ApiFuzzer(new ApiFuzzer.Settings("agreements-service", base.toURI(), Tokens.admin())
                .references(List.of(w.gyeonggi, w.gwangju, w.kimDongYeon, w.kangKiJung, w.governor, w.mayor, w.chungnam, w.leeYongSup))
                .ids(Api.AGREEMENTS, List.of(agreement))
                .ids(Programmes.PROGRAMMES, List.of(programme))
                .rows(rows)).run();
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.writesRejected()).isGreaterThan(1000);
        assertThat(new RowCounts(dataSource, READ_MODEL).tables()).isEqualTo(rows.tables());
        rows.count();
    }

    /**
     * The same generated requests from an editor whose jurisdiction is none of the agreement's parties
     * (nor any organization the requests name): every write is refused and no row changes.
     */
    @Test
    void anEditorOfAnotherJurisdictionIsRefusedEveryWriteAndChangesNothing() throws Exception {
        World w = new World(dataSource);
        String agreement = Api.create(Api.gyeonggiGwangju(w, Api.unique("fuzz-editor-gyeonggi-gwangju")));
        String programme = Programmes.create(Programmes.gwangju2020(w, Api.unique("fuzz-editor-gwangju-2020")));
        RowCounts rows = new RowCounts(dataSource, READ_MODEL);
        long[] before = rows.count();
        ApiFuzzer.Result result = new ApiFuzzer(new ApiFuzzer.Settings("agreements-service", base.toURI(),
                Tokens.editor(Api.unique("elsewhere"))).requests(3_000).rows(rows)
                .references(List.of(w.gyeonggi, w.gwangju, w.kimDongYeon, w.kangKiJung, w.governor, w.mayor, w.chungnam, w.leeYongSup))
                .ids(Api.AGREEMENTS, List.of(agreement))
                .ids(Programmes.PROGRAMMES, List.of(programme))).run();
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.writesAccepted()).as(result.summary()).isZero();
        assertThat(result.writesRejected()).isGreaterThan(300);
        rows.assertUnchangedSince(before);
    }

    /** Creates a record with a plain client and returns its id. */
    private String created(String collection, String body) throws Exception {
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(base.toURI().resolve(collection)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.admin())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Officials.JSON.readTree(created.body()).path("id").asText();
    }
}
