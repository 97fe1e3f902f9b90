package org.civicregistry.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.embedded.Topology;
import org.civicregistry.testsupport.SseClient;
import org.junit.jupiter.api.Test;

/**
 * One trace from a client's request to every consumer of the change it made, read from the spans
 * the OpenTelemetry agent exported (as OTLP JSON, into each service's log): the gateway, the
 * service, its SQL, the outbox relay's Kafka send, the consumers (gateway and read models), the SSE
 * fan-out and the webhook delivery, which hands the trace on to its receiver.
 */
class TracingTest {

    private static final int SERVER = 2;
    private static final int CLIENT = 3;
    private static final int PRODUCER = 4;
    private static final int CONSUMER = 5;

    private final ObjectMapper json = new ObjectMapper();

    /** A span as exported, with the service that exported it. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind, String raw) {
    }

    @Test
    void oneTraceGoesFromTheRequestThroughTheOutboxAndKafkaToEveryConsumer() throws Exception {
        Platform platform = Platform.get();
        String gateway = platform.gateway().toString();
        Receiver receiver = new Receiver();
        String secret = given().baseUri(gateway).auth().oauth2(Platform.get().adminToken()).contentType("application/json")
                .body("{\"url\": \"" + receiver.url() + "\"}").post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        receiver.secret(secret);
        try (SseClient stream = new SseClient(gateway + "/api/v1/stream", null)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.lastId() != null);

            // the client's own trace context, as a traced caller sends it: the platform continues it
            HexFormat hex = HexFormat.of();
            String traceId = hex.formatHex(randomBytes(16));
            String callerSpan = hex.formatHex(randomBytes(8));
            String requestId = "trace-" + hex.formatHex(randomBytes(6));
            String id = given().baseUri(gateway).auth().oauth2(Platform.get().adminToken()).contentType("application/json")
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").header("X-Request-Id", requestId)
                    .body("{\"slug\": \"" + requestId + "\", \"name\": {\"ko\": \"추적시\", \"en\": \"Trace City\"},"
                            + " \"classification\": \"metropolitan_city\"}")
                    .post("/api/v1/organizations").then().statusCode(201).extract().path("id");

            // the event carries the trace as the CloudEvents distributed-tracing extension, on SSE and in webhooks
            SseClient.Message message = await().atMost(Duration.ofSeconds(30)).until(
                    () -> stream.drain(Duration.ofMillis(200)).stream().filter(m -> m.data() != null && m.data().contains(id))
                            .findFirst().orElse(null), m -> m != null);
            assertThat(json.readTree(message.data()).path("traceparent").asText()).startsWith("00-" + traceId + "-");
            Receiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(
                    () -> receiver.deliveries().stream().filter(d -> d.body().contains(id)).findFirst().orElse(null), d -> d != null);
            assertThat(json.readTree(delivery.body()).path("traceparent").asText()).startsWith("00-" + traceId + "-");
            assertThat(delivery.traceparent()).as("the receiver can continue the trace").startsWith("00-" + traceId + "-");
            String receiverPath = receiver.url().substring(receiver.url().lastIndexOf(':')); // ":<port>/hook"
            receiver.close();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<Span> trace = spans(platform).stream().filter(s -> s.traceId().equals(traceId)).toList();
                Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
                assertThat(trace).as("spans of the trace").anyMatch(s -> s.service().equals("gateway") && s.kind() == SERVER
                        && s.parentSpanId().equals(callerSpan));
                assertThat(trace).as("the service's request").anyMatch(s -> s.service().equals("officials-service") && s.kind() == SERVER);
                assertThat(trace).as("its SQL, the outbox row among it")
                        .anyMatch(s -> s.service().equals("officials-service") && s.kind() == CLIENT && s.raw().contains("outbox_event"));
                assertThat(trace).as("the relay's send").anyMatch(s -> s.service().equals("officials-service") && s.kind() == PRODUCER);
                assertThat(trace).as("the gateway's consumers").anyMatch(s -> s.service().equals("gateway") && s.kind() == CONSUMER);
                assertThat(trace).as("the read models' consumers")
                        .anyMatch(s -> s.service().equals("events-service") && s.kind() == CONSUMER)
                        .anyMatch(s -> s.service().equals("agreements-service") && s.kind() == CONSUMER);
                assertThat(trace).as("the SSE fan-out").anyMatch(s -> s.service().equals("gateway") && s.name().endsWith("fan-out"));
                assertThat(trace).as("the webhook delivery")
                        .anyMatch(s -> s.service().equals("gateway") && s.kind() == CLIENT && s.raw().contains(receiverPath));
                assertThat(trace).as("one tree: every span's parent is in the trace, or is the caller's")
                        .allMatch(s -> ids.contains(s.parentSpanId()) || s.parentSpanId().equals(callerSpan));
            });

            // JSON log lines name the trace and the request: the change the service recorded, here
            JsonNode recorded = logLines(platform.log("officials-service")).stream()
                    .filter(line -> line.path("message").asText().startsWith("Recorded organization " + id)).findFirst().orElseThrow();
            assertThat(recorded.path("mdc").path("requestId").asText()).isEqualTo(requestId);
            assertThat(recorded.path("mdc").path("trace_id").asText()).isEqualTo(traceId);
        }
    }

    private List<Span> spans(Platform platform) throws IOException {
        List<Span> spans = new ArrayList<>();
        for (Topology.Service service : Topology.platform().services()) {
            for (String line : platform.log(service.module()).lines().toList()) {
                // the exporter writes one resource's spans a line (OTLP JSON), through the agent's own
                // log or, were it routed there, as the message of a JSON log record
                String text = line.startsWith("{") ? logLines(line).stream().map(l -> l.path("message").asText()).findFirst().orElse("")
                        : line;
                int start = text.indexOf("{\"resource");
                if (start < 0) {
                    continue;
                }
                JsonNode exported;
                try {
                    exported = json.readTree(text.substring(start));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    continue; // cut off when an earlier test killed the process, the restarted one's output after it
                }
                for (JsonNode resource : exported.has("resourceSpans") ? exported.path("resourceSpans") : List.of(exported)) {
                    for (JsonNode scope : resource.path("scopeSpans")) {
                        for (JsonNode span : scope.path("spans")) {
                            spans.add(new Span(service.module(), span.path("traceId").asText(), span.path("spanId").asText(),
                                    span.path("parentSpanId").asText(), span.path("name").asText(), span.path("kind").asInt(),
                                    span.toString()));
                        }
                    }
                }
            }
        }
        return spans;
    }

    /** The JSON log records of a service's log (QUARKUS_LOG_CONSOLE_JSON_ENABLED), skipping anything else the process wrote. */
    private List<JsonNode> logLines(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().toList()) {
            if (line.startsWith("{")) {
                try {
                    lines.add(json.readTree(line));
                } catch (IOException e) {
                    // a line cut off by a killed process
                }
            }
        }
        return lines;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
