package org.civicregistry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/** CORS for the configured municipal origins only, per-client rate limits, and clients that hold connections. */
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

    /**
     * Slowloris: 50 connections that send their headers a byte at a time and never finish. They cost
     * the gateway a socket each, no thread, so every other client is served as fast as ever.
     */
    @Test
    void fiftyClientsSendingHeadersByteByByteDoNotStopOthersBeingServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("localhost", RestAssured.port);
                socket.getOutputStream().write("GET /api/v1/people HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(socket -> {
                try {
                    socket.getOutputStream().write('a');
                } catch (IOException closed) {
                    // the gateway may close it: that is allowed
                }
            }), 0, 200, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                Client.anyone().get("/api/v1/people").then().statusCode(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("request %d", i).isLessThan(Duration.ofSeconds(1));
                Thread.sleep(100);
            }
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** A connection that sends nothing (and takes nothing) is closed after the idle timeout (10 s in tests). */
    @Test
    void aConnectionThatStaysSilentIsClosedByTheGateway() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            long started = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
