package org.civicregistry.officials;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
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
        RowCounts rows = new RowCounts(dataSource, Set.of());
        ApiFuzzer.Result result = new ApiFuzzer(new ApiFuzzer.Settings("officials-service", base.toURI(), Tokens.admin())
                .rows(rows)).run();
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.writesRejected()).isGreaterThan(1000);
        // the injection attempts dropped or emptied nothing: every table is still there and readable
        assertThat(new RowCounts(dataSource, Set.of()).tables()).isEqualTo(rows.tables());
        rows.count();
    }
}
