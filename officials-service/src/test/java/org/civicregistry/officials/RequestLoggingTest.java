package org.civicregistry.officials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Each change is logged with the request that made it, as a JSON line when JSON logs are configured (as here, to a file). */
@OfficialsTest
class RequestLoggingTest {

    static final Path LOG = Path.of("target/quarkus-test-log.json");
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aChangeIsLoggedWithTheIdOfTheRequestThatMadeIt() {
        String requestId = "req-" + UUID.randomUUID();
        String person = Api.admin().header("X-Request-Id", requestId).body("{\"name\": {\"ko\": \"기록\", \"en\": \"Logged\"}}")
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(linesAbout(person))
                .anySatisfy(line -> {
                    assertThat(line.path("mdc").path("requestId").asText()).isEqualTo(requestId);
                    assertThat(line.path("message").asText()).contains("version 1 (created)");
                    assertThat(line.path("level").asText()).isEqualTo("DEBUG");
                }));
    }

    /** An id that could break a log line (spaces, markup) is not taken. */
    @Test
    void anIdThatIsNotSaneIsLeftOut() {
        String person = Api.admin().header("X-Request-Id", "two words <b>").body("{\"name\": {\"ko\": \"기록\"}}")
                .post("/api/v1/people").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(linesAbout(person)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("mdc").has("requestId")).isFalse()));
    }

    private List<JsonNode> linesAbout(String id) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG)) {
            if (line.contains(id)) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
