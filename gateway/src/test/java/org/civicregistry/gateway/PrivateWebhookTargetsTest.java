package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * As deployed (private targets not allowed), a webhook receiver on this machine or a private network
 * is refused, so the gateway cannot be used to probe them; nothing is registered. (The test profile
 * of the other gateway tests allows them, so their receivers can run on this machine.) Its own
 * Quarkus start, with the default setting.
 */
@GatewayTest
@TestProfile(PrivateWebhookTargetsTest.AsDeployed.class)
class PrivateWebhookTargetsTest {

    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("civic.gateway.webhooks.allow-private-targets", "false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://127.1.2.3/hook", "http://0.0.0.0/hook",
            "http://10.0.0.5/hook", "http://172.16.0.1/hook", "http://172.31.255.254/hook", "http://192.168.1.1/hook",
            "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
            "http://224.0.0.1/hook" })
    void receiversOnLoopbackOrPrivateAddressesAreRefused(String url) {
        WebhookAuthorizationTest.asAdmin().contentType("application/json").body(WebhookAuthorizationTest.body(url))
                .post("/api/v1/webhooks").then().log().ifValidationFails().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://civic-registry.org/problems/unprocessable"))
                .body("violations.field", hasItem("url"));
        assertThat(WebhookAuthorizationTest.all()).extracting(w -> w.get("url")).doesNotContain(url);
    }
}
