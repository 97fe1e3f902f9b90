package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.civicregistry.testsupport.Contract;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

@GatewayTest
class RoutingTest {

    @Test
    void forwardsByPathKeepingStatusHeadersAndBody() {
        Response response = Client.anyone().header("Authorization", "Bearer abc").header("If-Match", "\"3\"")
                .header("Accept-Language", "ko").queryParam("organization", "gwangju").get("/api/v1/people");
        response.then().statusCode(200)
                .header("ETag", "\"7\"")
                .header("Link", "</api/v1/people?cursor=abc>; rel=\"next\"")
                .header("X-Request-Id", notNullValue())
                .body("path", equalTo("/api/v1/people"))
                .body("query", equalTo("organization=gwangju"))
                .body("headers.authorization", equalTo("Bearer abc"))
                .body("headers.if-match", equalTo("\"3\""))
                .body("headers.accept-language", equalTo("ko"))
                .body("headers.x-request-id", equalTo(response.header("X-Request-Id")))
                // so the service builds its links on the gateway's address
                .body("headers.x-forwarded-host", equalTo("localhost:" + io.restassured.RestAssured.port))
                .body("headers.x-forwarded-port", equalTo(String.valueOf(io.restassured.RestAssured.port)))
                .body("headers.x-forwarded-proto", equalTo("http"));
        Client.anyone().get("/api/v1/people/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/memberships").then().statusCode(200)
                .body("path", equalTo("/api/v1/people/0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b/memberships"));
        Client.anyone().header("If-None-Match", "\"7\"").get("/api/v1/people").then().statusCode(304).header("ETag", "\"7\"");
    }

    @Test
    void keepsTheClientsRequestIdAndStreamsBodies() {
        String body = "{\"name\": {\"ko\": \"" + "가".repeat(50_000) + "\"}}";
        Client.anyone().header("X-Request-Id", "municipal-site-42").contentType("application/json").body(body)
                .post("/api/v1/people").then().statusCode(201)
                .header("X-Request-Id", "municipal-site-42")
                .body("headers.x-request-id", equalTo("municipal-site-42"))
                .body("bodyLength", equalTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }

    @Test
    void rewritesLocationToTheGatewaysAddress() {
        String location = Client.anyone().contentType("application/json").body("{}").post("/api/v1/people")
                .then().statusCode(201).extract().header("Location");
        assertThat(location).endsWith("/api/v1/people/abc").startsWith("http://localhost:" + io.restassured.RestAssured.port);
    }

    @Test
    void aHangingUpstreamIsA504ProblemWithinTheTimeout() {
        long started = System.nanoTime();
        Client.anyone().get("/api/v1/agreements").then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://civic-registry.org/problems/upstream-timeout"))
                .body("detail", startsWith("The agreements service did not answer"));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(6_000);
    }

    /**
     * The timeout is a deadline for the whole exchange (2 s in tests): a client that reads a 16 MiB
     * answer a little at a time, never idle long, is cut off then, and so frees the upstream
     * connection it held; before, it could hold it for minutes.
     */
    @Test
    void aClientThatReadsALargeAnswerSlowlyIsCutOffAtTheDeadline() throws Exception {
        long received = 0;
        long started = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(8192);
            socket.connect(new java.net.InetSocketAddress("localhost", io.restassured.RestAssured.port));
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + Upstreams.LARGE + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                    + Client.randomAddress() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0 && System.nanoTime() - started < 20_000_000_000L;) {
                    received += n;
                    if (System.nanoTime() - started < 4_000_000_000L) {
                        Thread.sleep(20); // slowly, past the deadline; then as fast as it can, to find the end
                    }
                }
            } catch (java.net.SocketException reset) {
                // cut off
            }
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the end").isLessThan(10_000);
        assertThat(received).as("bytes received of 16 MiB").isLessThan(16L * 1024 * 1024);
        Client.anyone().get("/api/v1/people").then().statusCode(200);
    }

    /** A whole-collection download has civic.gateway.download-timeout, not the 2 s every other request has here. */
    @Test
    void aDownloadStreamsPastTheDeadlineOfOtherRequests() {
        String body = Client.anyone().get(Upstreams.DOWNLOAD).then().statusCode(200).extract().asString();
        assertThat(body.lines()).hasSize(30).last().isEqualTo("{\"line\":30}");
    }

    /** The register's download needs every service: one refusing (events) makes it a 503, and the hanging one is let go. */
    @Test
    void theRegistersDownloadIsA503WhileAServiceCannotStartItsOwn() {
        Client.anyone().get("/api/v1/snapshot").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://civic-registry.org/problems/unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("events service cannot be reached"));
    }

    @Test
    void aRefusingUpstreamIsA502ThenTheCircuitOpensWith503() {
        for (int i = 0; i < 4; i++) {
            // the title in the client's language, as the services give theirs
            Client.anyone().header("Accept-Language", i % 2 == 0 ? "ko" : "en").get("/api/v1/events").then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://civic-registry.org/problems/bad-gateway"))
                    .body("title", equalTo(i % 2 == 0 ? "상위 서비스 오류" : "Upstream failed"));
        }
        Client.anyone().queryParam("lang", "ko").get("/api/v1/events").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://civic-registry.org/problems/unavailable")).body("title", equalTo("서비스 이용 불가"));
        Client.anyone().get("/q/health/ready").then().body("checks.find { it.name == 'upstreams' }.data.events",
                startsWith("DOWN, circuit OPEN"));
    }

    @Test
    void unknownPathsAreProblems() {
        // a path in no document, on purpose: only the answer is checked
        Client.anyone().filter(Contract.responsesOnly()).get("/api/v1/peoples").then().statusCode(404).contentType("application/problem+json");
    }
}
