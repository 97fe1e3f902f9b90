package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.civicregistry.embedded.FreePorts;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.TopicWriter;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

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
            "http://224.0.0.1/hook",
            // carrier-grade NAT, benchmarking, documentation, reserved and broadcast
            "http://100.64.0.1/hook", "http://100.127.255.254/hook", "http://198.18.0.1/hook", "http://198.19.255.254/hook",
            "http://192.0.2.10/hook", "http://240.0.0.1/hook", "http://255.255.255.255/hook",
            // IPv4 inside IPv6: mapped (judged by the IPv4 address it carries) and NAT64 (the translator reaches it)
            "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:a9fe:a9fe]/hook", "http://[64:ff9b::a9fe:a9fe]/hook",
            "http://[64:ff9b::7f00:1]/hook", "http://[64:ff9b:1::a00:1]/hook",
            // IPv6 unique-local, documentation, site-local, unspecified
            "http://[fc00::1]/hook", "http://[2001:db8::1]/hook", "http://[fec0::1]/hook", "http://[::]/hook" })
    void receiversOnLoopbackOrPrivateAddressesAreRefused(String url) {
        WebhookAuthorizationTest.asAdmin().contentType("application/json").body(WebhookAuthorizationTest.body(url))
                .post("/api/v1/webhooks").then().log().ifValidationFails().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://civic-registry.org/problems/unprocessable"))
                .body("violations.field", hasItem("url"));
        assertThat(WebhookAuthorizationTest.all()).extracting(w -> w.get("url")).doesNotContain(url);
    }

    /** Vetting refuses only what is not public: ordinary public addresses, v4 and v6, are receivers like any. */
    @ParameterizedTest
    @ValueSource(strings = { "http://1.1.1.1/hook", "http://[2606:4700:4700::1111]/hook", "http://100.128.0.1/hook" })
    void receiversOnPublicAddressesAreAccepted(String url) {
        WebhookAuthorizationTest.asAdmin().contentType("application/json").body(WebhookAuthorizationTest.body(url))
                .post("/api/v1/webhooks").then().log().ifValidationFails().statusCode(201);
    }

    /**
     * DNS rebinding: a name that resolved to a public address when the receiver was registered and
     * resolves to loopback when a delivery is due. The delivery vets the address again, is refused,
     * and the receiver on loopback is never called; the log says why, and nothing more.
     */
    @Test
    void aReceiverWhoseNameResolvesToLoopbackAtDeliveryIsRefusedThenAndNeverCalled() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TopicWriter writer = new TopicWriter(KafkaBroker.shared().bootstrapServers())) {
            AtomicInteger calls = new AtomicInteger();
            int port = FreePorts.next();
            vertx.createHttpServer().requestHandler(request -> {
                calls.incrementAndGet();
                request.response().setStatusCode(204).end();
            }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            String host = "rebind-" + UUID.randomUUID() + ".example.org";
            FakeDns.answer(host, "93.184.215.14");
            String id = WebhookAuthorizationTest.asAdmin().contentType("application/json")
                    .body("{\"url\": \"http://" + host + ":" + port + "/hook\", \"topics\": [\"civic.events.v1\"], \"types\": [\"civic.event.rebound\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");

            FakeDns.answer(host, "127.0.0.1");
            String subject = UUID.randomUUID().toString();
            writer.send("civic.events.v1", "/civic-registry/events", "civic.event.rebound", subject,
                    "{\"id\": \"" + subject + "\", \"version\": 1}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> WebhookAuthorizationTest.asAdmin()
                    .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                    .body("items.size()", equalTo(1))
                    .body("items[0].status", equalTo("DEAD"))
                    .body("items[0].lastError", equalTo("target address not allowed"))
                    .body("items[0].lastStatus", nullValue()));
            assertThat(calls.get()).as("calls that reached the loopback receiver").isZero();
        } finally {
            vertx.close();
        }
    }
}
