package org.civicregistry.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as a municipal developer would write one (docs/municipal-guide.md): it checks
 * the Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) with the secret
 * before trusting the body.
 */
final class Receiver implements AutoCloseable {

    /**
     * A delivery as received; {@code receivedNanos} is {@link System#nanoTime()} when it arrived,
     * {@code traceparent} its W3C trace context header.
     */
    record Delivery(String body, boolean signed, long receivedNanos, String traceparent) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String secret;

    Receiver() throws IOException {
        this(Duration.ZERO);
    }

    /** A receiver that takes {@code delay} to answer each delivery, as a slow or overloaded one would. */
    Receiver(Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            deliveries.add(new Delivery(body, verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body), System.nanoTime(), headers.getFirst("traceparent")));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hook";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    private boolean verify(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null || secret == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + java.util.Base64.getEncoder()
                    .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            boolean signed = java.util.Arrays.stream(signatures.split(" "))
                    .anyMatch(s -> java.security.MessageDigest.isEqual(expected.getBytes(), s.getBytes()));
            return signed && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 300;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
