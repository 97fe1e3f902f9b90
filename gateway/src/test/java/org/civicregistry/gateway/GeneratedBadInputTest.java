package org.civicregistry.gateway;


import java.net.URL;
import java.util.Set;

import jakarta.inject.Inject;

import org.civicregistry.testsupport.Tokens;
import org.civicregistry.testsupport.fuzz.ApiFuzzer;
import org.civicregistry.testsupport.fuzz.FuzzRuns;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The gateway's own endpoints (webhooks, API keys, documents), with at least 10,000 requests generated from
 * its own OpenAPI document, seeded and reproducible ({@code -Dcivic.fuzz.seed=}): never a 5xx, every
 * 4xx a complete problem+json, and no rejected write leaves a subscription behind. The client address
 * (X-Forwarded-For, believed from the tests' loopback peer) changes every few requests, so the rate
 * limit stays out of the way; the subscriptions and keys the run created are disabled at its end.
 */
@GatewayTest
class GeneratedBadInputTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void badInputGeneratedFromTheDocument() throws Exception {
        // every request, refused or not, draws on its client's rate-limit bucket: those rows are not the write's
        Set<String> notWrites = Set.of("webhook_delivery", "rate_limit_bucket");
        FuzzRuns.assertCleanAdminRun(new ApiFuzzer.Settings("gateway", base.toURI(), Tokens.admin())
                .paths(path -> path.startsWith("/api/v1/webhooks") || path.startsWith("/api/v1/api-keys") || path.equals("/openapi")
                        || path.equals("/asyncapi"))
                .rotateRateLimitKey("X-Forwarded-For")
                // answers hold to the platform document, as every other gateway test's (GatewayContract)
                .contract("/openapi?format=json", GatewayContract::exempt)
                .deleteCreated(), dataSource, notWrites);
    }
}
