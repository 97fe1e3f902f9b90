package org.civicregistry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/** CORS for the configured municipal origins only, and per-client rate limits. */
@GatewayTest
class EdgeTest {

    @Test
    void corsPreflightForAListedOrigin() {
        Client.anyone().header("Origin", "https://www.gwangju.go.kr").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "If-None-Match")
                .options("/api/v1/people").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.gwangju.go.kr");
        Client.anyone().header("Origin", "https://www.gwangju.go.kr").get("/api/v1/people").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://www.gwangju.go.kr")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("ETag"));
    }

    @Test
    void corsForAnOriginMatchingAListedPattern() {
        String origin = "https://news.gg.go.kr";
        Client.anyone().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .options("/api/v1/people").then().statusCode(200).header("Access-Control-Allow-Origin", origin);
        Client.anyone().header("Origin", origin).get("/api/v1/people").then().statusCode(200)
                .header("Access-Control-Allow-Origin", origin);
    }

    @Test
    void corsNeverReflectsAnUnlistedOrigin() {
        Client.anyone().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/people").then().header("Access-Control-Allow-Origin", nullValue());
        Client.anyone().header("Origin", "https://evil.example").get("/api/v1/people").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfter() {
        String address = Client.randomAddress();
        for (int i = 30; i > 0; i--) {
            given().header("X-Forwarded-For", address).get("/api/v1/people").then().statusCode(200)
                    .header("RateLimit-Policy", "\"anonymous\";q=30;w=3600")
                    .header("RateLimit", startsWith("\"anonymous\";r=" + (i - 1) + ";t="));
        }
        given().header("X-Forwarded-For", address).get("/api/v1/people").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit", startsWith("\"anonymous\";r=0;t="))
                .body("type", equalTo("https://civic-registry.org/problems/rate-limited"));
        // another client is not affected
        Client.anyone().get("/api/v1/people").then().statusCode(200);
    }
}
