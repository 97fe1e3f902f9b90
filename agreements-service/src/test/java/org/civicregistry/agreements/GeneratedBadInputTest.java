package org.civicregistry.agreements;

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
        String agreement = Officials.JSON.readTree(FuzzRuns.create(base.toURI(), Api.AGREEMENTS, Tokens.admin(),
                Api.gyeonggiGwangju(w, Api.unique("fuzz-gyeonggi-gwangju")).toString())).path("id").asText();
        String programme = Officials.JSON.readTree(FuzzRuns.create(base.toURI(), Programmes.PROGRAMMES, Tokens.admin(),
                Programmes.gwangju2020(w, Api.unique("fuzz-gwangju-2020")).toString())).path("id").asText();
        ApiFuzzer.Result result = FuzzRuns.assertCleanAdminRun(new ApiFuzzer.Settings("agreements-service", base.toURI(), Tokens.admin())
                .references(List.of(w.gyeonggi, w.gwangju, w.kimDongYeon, w.kangKiJung, w.governor, w.mayor, w.chungnam, w.leeYongSup))
                .ids(Api.AGREEMENTS, List.of(agreement))
                .ids(Programmes.PROGRAMMES, List.of(programme)), dataSource, READ_MODEL);
        assertThat(result.writesRejected()).isGreaterThan(1000);
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
        FuzzRuns.assertEditorChangesNothing(new ApiFuzzer.Settings("agreements-service", base.toURI(),
                Tokens.editor(Api.unique("elsewhere")))
                .references(List.of(w.gyeonggi, w.gwangju, w.kimDongYeon, w.kangKiJung, w.governor, w.mayor, w.chungnam, w.leeYongSup))
                .ids(Api.AGREEMENTS, List.of(agreement))
                .ids(Programmes.PROGRAMMES, List.of(programme)), dataSource, READ_MODEL);
    }
}
