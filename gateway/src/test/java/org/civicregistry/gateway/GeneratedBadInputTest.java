package org.civicregistry.gateway;

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
 * The gateway's own endpoints (webhooks, documents), with at least 10,000 requests generated from
 * its own OpenAPI document, seeded and reproducible ({@code -Dcivic.fuzz.seed=}): never a 5xx, every
 * 4xx a complete problem+json, and no rejected write leaves a subscription behind. The API key
 * changes every few requests, so the rate limit stays out of the way; the subscriptions the run
 * created are disabled at its end.
 */
@GatewayTest
class GeneratedBadInputTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void badInputGeneratedFromTheDocument() throws Exception {
        RowCounts rows = new RowCounts(dataSource, Set.of("webhook_delivery"));
        ApiFuzzer.Result result = new ApiFuzzer(new ApiFuzzer.Settings("gateway", base.toURI(), Tokens.admin())
                .paths(path -> path.startsWith("/api/v1/webhooks") || path.equals("/openapi") || path.equals("/asyncapi"))
                .rotateRateLimitKey("X-Api-Key")
                // answers hold to the platform document, as every other gateway test's (GatewayContract)
                .contract("/openapi?format=json", GatewayContract::exempt)
                .deleteCreated()
                .rows(rows)).run();
        assertThat(result.failures()).as(result.summary()).isEmpty();
        assertThat(result.requests()).isGreaterThanOrEqualTo(10_000);
        assertThat(new RowCounts(dataSource, Set.of("webhook_delivery")).tables()).isEqualTo(rows.tables());
        rows.count();
    }
}
