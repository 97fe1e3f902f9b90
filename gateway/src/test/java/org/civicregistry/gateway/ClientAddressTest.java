package org.civicregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * Forwarded addresses count only from a trusted proxy. In the test profile 127.0.0.1 is one
 * (civic.gateway.clients.trusted-proxies); a connection from 127.0.0.2 is an untrusted peer. The
 * anonymous limit there is 30 requests an hour.
 */
@GatewayTest
class ClientAddressTest {

    @Test
    void anUntrustedPeerSpoofingXForwardedForIsLimitedAsItself() throws IOException {
        for (int i = 0; i < 30; i++) {
            assertThat(statusFrom("127.0.0.2", "X-Forwarded-For: " + Client.randomAddress())).as("request %d", i + 1).isEqualTo(200);
        }
        assertThat(statusFrom("127.0.0.2", "X-Forwarded-For: " + Client.randomAddress())).isEqualTo(429);
        assertThat(statusFrom("127.0.0.2", "Forwarded: for=" + Client.randomAddress())).isEqualTo(429);
    }

    @Test
    void aTrustedProxysForwardedAddressIsHonoured() {
        String client = Client.randomAddress();
        for (int i = 0; i < 30; i++) {
            RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/people").then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", client).get("/api/v1/people").then().statusCode(429);
        // the same client named in Forwarded, bracketed and with a port, is the same client
        RestAssured.given().header("Forwarded", "for=\"" + client + ":4711\";proto=https").get("/api/v1/people").then().statusCode(429);
        RestAssured.given().header("X-Forwarded-For", Client.randomAddress()).get("/api/v1/people").then().statusCode(200)
                .header("RateLimit", startsWith("\"anonymous\";r=29;"));
    }

    @Test
    void addressesAClientPrependsBeforeTheTrustedProxysAreIgnored() {
        // a trusted proxy appends the address it saw: what the client wrote before it is the client's own word
        String client = Client.randomAddress();
        for (int i = 0; i < 30; i++) {
            RestAssured.given().header("X-Forwarded-For", Client.randomAddress() + ", " + client).get("/api/v1/people").then().statusCode(200);
        }
        RestAssured.given().header("X-Forwarded-For", Client.randomAddress() + ", " + client).get("/api/v1/people").then().statusCode(429);
    }

    /** A GET of /api/v1/people over a connection from {@code localAddress}, with one extra header line. */
    private static int statusFrom(String localAddress, String header) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/people HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + header + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            // HTTP/1.1 200 OK
            return Integer.parseInt(line.toString(StandardCharsets.US_ASCII).split(" ")[1]);
        }
    }
}
