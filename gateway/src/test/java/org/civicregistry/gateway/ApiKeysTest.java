package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Integrators' API keys: issued by admins only, shown once, stored hashed, revocable; a key the
 * registry did not issue is refused, and an issued key draws on its tier's quotas (the test profile
 * makes them countable: a standard key has 20 requests a day, a partner key 5 a minute).
 */
@GatewayTest
class ApiKeysTest {

    static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void madeUpKeysAreRefusedWith401AndNeverServed() {
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            // as random as an issued key, and shaped like one half of the time
            String key = (i % 2 == 0 ? "civic_" : "") + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://civic-registry.org/problems/unauthorized"));
        }
    }

    /**
     * Rotating made-up keys from one address spends that address's allowance (30 in the test
     * profile), as sending no key would: then 429, never a fresh allowance per key.
     */
    @Test
    void madeUpKeysFromOneAddressSpendItsAllowanceThenGet429() {
        java.util.Map<String, String> address = Client.ownAddress();
        for (int i = 0; i < 30; i++) {
            given().headers(address).header("X-Api-Key", madeUpKey()).get("/api/v1/people").then().statusCode(401)
                    .header("RateLimit", startsWith("\"anonymous\";r=" + (29 - i) + ";"));
        }
        String retryAfter = given().headers(address).header("X-Api-Key", madeUpKey()).get("/api/v1/people").then()
                .statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://civic-registry.org/problems/rate-limited"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isPositive();
        // and no key at all from there is limited the same: the allowance is the address's
        given().headers(address).get("/api/v1/people").then().statusCode(429);
    }

    private static String madeUpKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "civic_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void anAdminIssuesAKeyThatIsShownOnceAndListedWithoutIt() {
        Response issued = issue("partner");
        String id = issued.path("id");
        assertThat(issued.header("Location")).endsWith("/api/v1/api-keys/" + id);
        assertThat(issued.<String>path("key")).matches("civic_[A-Za-z0-9_-]{43}").startsWith(issued.<String>path("prefix"));
        asAdmin().get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("owner", equalTo("Gyeonggi open data portal")).body("tier", equalTo("partner")).body("key", nullValue());
        asAdmin().queryParam("limit", "200").get("/api/v1/api-keys").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.key", org.hamcrest.Matchers.everyItem(nullValue()));
    }

    @Test
    void onlyAdminsIssueListOrRevokeKeys() {
        String body = "{\"owner\": \"someone\", \"contact\": \"someone@example.org\", \"tier\": \"partner\"}";
        Client.anyone().contentType("application/json").body(body).post("/api/v1/api-keys").then().statusCode(401);
        Client.anyone().auth().oauth2(Tokens.reader()).contentType("application/json").body(body).post("/api/v1/api-keys").then().statusCode(403);
        Client.anyone().auth().oauth2(Tokens.editor("gwangju")).get("/api/v1/api-keys").then().statusCode(403);
        String id = issue("standard").path("id");
        Client.anyone().auth().oauth2(Tokens.reader()).delete("/api/v1/api-keys/" + id).then().statusCode(403);
        asAdmin().get("/api/v1/api-keys/" + id).then().body("revokedAt", nullValue());
    }

    @Test
    void anIssuedKeyIsServedUntilItsDailyQuotaIsSpentThenGets429WithRetryAfter() {
        String key = issue("standard").path("key");
        for (int left = 19; left >= 0; left--) {
            // a different address each time: the key's quota counts, not the address's
            Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(200)
                    .header("RateLimit-Policy", "\"minute\";q=1000;w=60, \"day\";q=20;w=86400")
                    .header("RateLimit", matchesPattern("\"minute\";r=\\d+;t=\\d+, \"day\";r=" + left + ";t=\\d+"));
        }
        Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .body("type", equalTo("https://civic-registry.org/problems/rate-limited"));
    }

    @Test
    void aPartnerKeyIsLimitedPerMinuteAndToldWhenToRetry() {
        String key = issue("partner").path("key");
        for (int i = 0; i < 5; i++) {
            Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(200);
        }
        String retryAfter = Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(429)
                .header("RateLimit", startsWith("\"minute\";r=0;")).extract().header("Retry-After");
        // 5 a minute come back one every 12 s
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 13);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Response issued = issue("standard");
        String key = issued.path("key");
        Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(200);
        asAdmin().delete("/api/v1/api-keys/" + issued.path("id")).then().statusCode(200).body("revokedAt", notNullValue());
        Client.anyone().header("X-Api-Key", key).get("/api/v1/people").then().statusCode(401)
                .body("type", equalTo("https://civic-registry.org/problems/unauthorized"));
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        asAdmin().delete("/api/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    static Response issue(String tier) {
        return asAdmin().contentType("application/json")
                .body("{\"owner\": \"Gyeonggi open data portal\", \"contact\": \"opendata@gg.go.kr\", \"tier\": \"" + tier + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().response();
    }

    static io.restassured.specification.RequestSpecification asAdmin() {
        return Client.anyone().auth().oauth2(Tokens.admin());
    }
}
