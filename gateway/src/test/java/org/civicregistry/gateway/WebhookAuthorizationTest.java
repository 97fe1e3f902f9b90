package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.civicregistry.testsupport.Caller;
import org.civicregistry.testsupport.Caller.Access;
import org.civicregistry.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The gateway's writes (registering and stopping webhook receivers) are for admins only: every kind
 * of caller gets exactly the expected status, and a refused write changes nothing. A receiver's
 * secret is shown once, in the answer that created it.
 */
@GatewayTest
class WebhookAuthorizationTest {

    enum Write {
        REGISTER, STOP
    }

    static Stream<Arguments> writes() {
        return Arrays.stream(Write.values()).flatMap(write -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(write, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("writes")
    void onlyAdminsRegisterOrStopReceivers(Write write, Caller caller) {
        int expected;
        ValidatableResponse response;
        String url = receiverUrl();
        String existing = write == Write.STOP ? register(url) : null;
        var request = caller.on(Client.anyone(), "gwangju", "gyeonggi");
        if (write == Write.REGISTER) {
            expected = caller.expected(201, Access.ADMIN);
            response = request.contentType("application/json").body(body(url)).post("/api/v1/webhooks").then();
        } else {
            expected = caller.expected(200, Access.ADMIN);
            response = request.delete("/api/v1/webhooks/" + existing).then();
        }
        response.log().ifValidationFails().statusCode(expected);
        if (expected >= 400) {
            response.contentType("application/problem+json")
                    .body("type", equalTo("https://civic-registry.org/problems/" + (expected == 401 ? "unauthorized" : "forbidden")));
            if (write == Write.REGISTER) {
                assertThat(all()).extracting(w -> w.get("url")).doesNotContain(url);
            } else {
                asAdmin().get("/api/v1/webhooks/" + existing).then().statusCode(200).body("status", equalTo("ACTIVE"));
            }
        } else if (write == Write.STOP) {
            asAdmin().get("/api/v1/webhooks/" + existing).then().statusCode(200).body("status", equalTo("DISABLED"));
        } else {
            // with private targets allowed (the test profile), a receiver on this machine is accepted
            assertThat(all()).extracting(w -> w.get("url")).contains(url);
        }
    }

    @Test
    void aSecretIsShownOnlyInTheAnswerThatCreatedIt() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String chosen = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
        String created = asAdmin().contentType("application/json")
                .body("{\"url\": \"" + receiverUrl() + "\", \"topics\": [\"civic.events.v1\"], \"types\": [\"civic.none.*\"], \"secret\": \"" + chosen + "\"}")
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", equalTo(chosen)).extract().path("id");
        String generated = register(receiverUrl());
        for (String id : List.of(created, generated)) {
            asAdmin().get("/api/v1/webhooks/" + id).then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("secret")))
                    .body(not(org.hamcrest.Matchers.containsString("whsec_")));
        }
        assertThat(all()).allSatisfy(w -> assertThat(w).doesNotContainKey("secret"));
        String pages = pagesOfAll();
        assertThat(pages).doesNotContain("whsec_").doesNotContain(chosen);
        // nor after it is stopped
        asAdmin().delete("/api/v1/webhooks/" + created).then().statusCode(200).body("secret", nullValue());
        asAdmin().get("/api/v1/webhooks/" + created + "/deliveries").then().statusCode(200).body(not(org.hamcrest.Matchers.containsString(chosen)));
    }

    /** A receiver address on this machine that nothing listens on; its types match no event, so nothing is sent. */
    static String receiverUrl() {
        return "http://127.0.0.1:9/hook-" + UUID.randomUUID();
    }

    static String body(String url) {
        return "{\"url\": \"" + url + "\", \"topics\": [\"civic.events.v1\"], \"types\": [\"civic.none.*\"]}";
    }

    static String register(String url) {
        return asAdmin().contentType("application/json").body(body(url)).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("id");
    }

    static io.restassured.specification.RequestSpecification asAdmin() {
        return Client.anyone().auth().oauth2(Tokens.admin());
    }

    /** Every receiver, through every page. */
    static List<Map<String, Object>> all() {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = asAdmin().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    static String pagesOfAll() {
        StringBuilder text = new StringBuilder();
        String cursor = null;
        do {
            var request = asAdmin().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/webhooks").then().statusCode(200).extract();
            text.append(page.asString());
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return text.toString();
    }
}
