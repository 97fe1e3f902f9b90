package org.civicregistry.officials;

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
 * rejected write leaves a row behind (records, history, outbox).
 */
@OfficialsTest
class GeneratedBadInputTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void badInputGeneratedFromTheDocument() throws Exception {
        // and the injection attempts dropped or emptied nothing: every table is still there and readable
        ApiFuzzer.Result result = FuzzRuns.assertCleanAdminRun(new ApiFuzzer.Settings("officials-service", base.toURI(), Tokens.admin()),
                dataSource, Set.of());
        assertThat(result.writesRejected()).isGreaterThan(1000);
    }

    /**
     * The same generated requests from an editor whose jurisdiction owns none of the records they aim
     * at (nor anything else): every write is refused, and no table gains, loses or changes a row.
     */
    @Test
    void anEditorOfAnotherJurisdictionIsRefusedEveryWriteAndChangesNothing() throws Exception {
        String gwangju = Api.organization(Api.unique("fuzz-gwangju"), "광주광역시", "Gwangju", "metropolitan_city", null);
        String post = Api.post(Api.unique("fuzz-mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", gwangju);
        String person = Api.person(Api.unique("fuzz-kang"), "강기정", "Kang Ki-jung");
        String membership = Api.membership(person, post, "2022-07-01", null);
        FuzzRuns.assertEditorChangesNothing(new ApiFuzzer.Settings("officials-service", base.toURI(),
                Tokens.editor(Api.unique("elsewhere")))
                .references(List.of(gwangju, post, person, membership))
                .ids("/api/v1/organizations", List.of(gwangju)).ids("/api/v1/posts", List.of(post))
                .ids("/api/v1/people", List.of(person)).ids("/api/v1/memberships", List.of(membership)), dataSource, Set.of());
    }
}
